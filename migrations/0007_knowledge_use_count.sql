ALTER TABLE `knowledge_articles` ADD `use_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `knowledge_articles` ADD `last_used_at` integer;