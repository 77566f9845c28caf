ALTER TABLE `assignments` ADD `ticket_status` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `ticket_created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `assignments` SET `ticket_status` = (SELECT `status` FROM `tickets` WHERE `tickets`.`id` = `assignments`.`ticket_id`), `ticket_created_at` = (SELECT `created_at` FROM `tickets` WHERE `tickets`.`id` = `assignments`.`ticket_id`);--> statement-breakpoint
CREATE INDEX `assignments_inbox_idx` ON `assignments` (`department_id`,`ticket_status`,`ticket_created_at`,`ticket_id`);