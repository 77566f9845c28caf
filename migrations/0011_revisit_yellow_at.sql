ALTER TABLE `tickets` ADD `revisit_yellow_at` integer;--> statement-breakpoint
UPDATE `tickets` SET `revisit_yellow_at` = `revisit_due_at` - (`revisit_due_at` - coalesce(
  (SELECT max(`at`) FROM `ticket_events` WHERE `ticket_events`.`ticket_id` = `tickets`.`id`
    AND `action` IN ('approve_reply', 'answer')),
  `revisit_due_at`
)) / 4 WHERE `revisit_due_at` IS NOT NULL;
