CREATE TABLE `assignment_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`due_at` integer NOT NULL,
	`noticed_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignment_notices_at_idx` ON `assignment_notices` (`noticed_at`);--> statement-breakpoint
INSERT INTO `assignment_notices` (`assignment_id`, `due_at`, `noticed_at`) SELECT `id`, coalesce(`card_due_at`, `due_at`), `noticed_at` FROM `assignments` WHERE `noticed_at` IS NOT NULL;
