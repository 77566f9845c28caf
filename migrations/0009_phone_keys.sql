DROP INDEX `callback_tasks_phone_idx`;--> statement-breakpoint
ALTER TABLE `callback_tasks` ADD `phone_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- phone_key() is server/core/phone.ts `phoneKey`, registered on the connection before migrating (core/db.ts).
UPDATE `callback_tasks` SET `phone_key` = phone_key(`phone`);--> statement-breakpoint
CREATE INDEX `callback_tasks_phone_key_idx` ON `callback_tasks` (`phone_key`,`status`);--> statement-breakpoint
DROP INDEX `calls_from_idx`;--> statement-breakpoint
ALTER TABLE `calls` ADD `from_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `calls` SET `from_key` = phone_key(`from_number`);--> statement-breakpoint
CREATE INDEX `calls_from_key_idx` ON `calls` (`from_key`,`offered_at`);--> statement-breakpoint
DROP INDEX `tickets_phone_idx`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `caller_phone_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `tickets` SET `caller_phone_key` = phone_key(`caller_phone`);--> statement-breakpoint
CREATE INDEX `tickets_phone_key_idx` ON `tickets` (`caller_phone_key`,`created_at`);
