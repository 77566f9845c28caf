ALTER TABLE `tickets` ADD `upstream_received_at` integer;--> statement-breakpoint
UPDATE `tickets` SET `upstream_received_at` = coalesce(
  (SELECT max(`at`) FROM `ticket_events` WHERE `ticket_events`.`ticket_id` = `tickets`.`id` AND `action` = 'retransfer'),
  `created_at`
) WHERE `upstream_order_no` IS NOT NULL;
