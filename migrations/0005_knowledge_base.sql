CREATE TABLE `knowledge_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`answer` text NOT NULL,
	`keywords` text DEFAULT '' NOT NULL,
	`category_id` integer,
	`source` text,
	`disabled` integer DEFAULT false NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_articles_title_unique` ON `knowledge_articles` (`title`);--> statement-breakpoint
CREATE INDEX `knowledge_articles_category_idx` ON `knowledge_articles` (`category_id`);