CREATE TABLE `assignment_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`due_at` integer NOT NULL,
	`noticed_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignment_notices_at_idx` ON `assignment_notices` (`noticed_at`);--> statement-breakpoint
INSERT INTO `assignment_notices` (`assignment_id`, `due_at`, `noticed_at`) SELECT a.`id`, coalesce((SELECT cast(round((julianday(json_extract(e.`data`, '$.dueAt')) - 2440587.5) * 86400000) AS integer) FROM `ticket_events` e WHERE e.`assignment_id` = a.`id` AND e.`action` = 'red' AND json_extract(e.`data`, '$.clock') = 'handle' AND e.`at` <= a.`noticed_at` ORDER BY e.`seq` DESC LIMIT 1), a.`card_due_at`, a.`due_at`), a.`noticed_at` FROM `assignments` a WHERE a.`noticed_at` IS NOT NULL;
--> statement-breakpoint
UPDATE `assignments` SET `next_check_at` = 0 WHERE `next_check_at` IS NULL AND `card` = 'red' AND `status` IN ('pending_sign', 'in_progress', 'return_requested');
