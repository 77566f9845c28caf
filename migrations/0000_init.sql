CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`agent_no` text NOT NULL,
	`skills` text NOT NULL,
	`state` text NOT NULL,
	`state_since` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_agent_no_unique` ON `agents` (`agent_no`);--> statement-breakpoint
CREATE INDEX `agents_state_idx` ON `agents` (`state`,`state_since`);--> statement-breakpoint
CREATE TABLE `callback_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`line` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`first_call_id` text NOT NULL,
	`last_call_at` integer NOT NULL,
	`claimed_by` integer,
	`outcome` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`claimed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `callback_tasks_phone_idx` ON `callback_tasks` (`phone`,`status`);--> statement-breakpoint
CREATE INDEX `callback_tasks_status_idx` ON `callback_tasks` (`status`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`from_number` text NOT NULL,
	`line` text NOT NULL,
	`flow_id` text,
	`ivr_state` text,
	`ivr_path` text NOT NULL,
	`queue` text,
	`enqueued_at` integer,
	`offered_at` integer NOT NULL,
	`ringing_agent` text,
	`answered_at` integer,
	`agent_no` text,
	`agent_user_id` integer,
	`ended_at` integer,
	`end_reason` text,
	`outcome` text NOT NULL,
	`recording_url` text,
	`recording_seconds` integer,
	`satisfaction` text,
	FOREIGN KEY (`agent_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calls_from_idx` ON `calls` (`from_number`,`offered_at`);--> statement-breakpoint
CREATE INDEX `calls_queue_idx` ON `calls` (`queue`,`enqueued_at`);--> statement-breakpoint
CREATE INDEX `calls_live_idx` ON `calls` (`outcome`,`queue`,`enqueued_at`);--> statement-breakpoint
CREATE INDEX `calls_offered_idx` ON `calls` (`offered_at`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_code_unique` ON `categories` (`code`);--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);--> statement-breakpoint
CREATE INDEX `departments_parent_idx` ON `departments` (`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `event_audience` (
	`seq` integer NOT NULL,
	`room` text NOT NULL,
	PRIMARY KEY(`seq`, `room`)
);
--> statement-breakpoint
CREATE INDEX `event_audience_room_idx` ON `event_audience` (`room`,`seq`);--> statement-breakpoint
CREATE TABLE `calendar_overrides` (
	`date` text PRIMARY KEY NOT NULL,
	`work` integer NOT NULL,
	`note` text,
	`updated_by` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `supervision_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`ticket_no` text NOT NULL,
	`assignment_id` integer,
	`department_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`response_due_at` integer NOT NULL,
	`response` text,
	`responded_by` text,
	`responded_at` integer,
	`source_seq` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervision_items_source_seq_unique` ON `supervision_items` (`source_seq`);--> statement-breakpoint
CREATE INDEX `supervision_items_dept_idx` ON `supervision_items` (`department_id`,`status`);--> statement-breakpoint
CREATE INDEX `supervision_items_status_idx` ON `supervision_items` (`status`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`role` text NOT NULL,
	`parent_id` integer,
	`status` text NOT NULL,
	`dispatched_at` integer NOT NULL,
	`sign_due_at` integer NOT NULL,
	`sign_yellow_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`yellow_at` integer NOT NULL,
	`return_due_at` integer NOT NULL,
	`signed_at` integer,
	`finished_at` integer,
	`extension_days` integer DEFAULT 0 NOT NULL,
	`extension_count` integer DEFAULT 0 NOT NULL,
	`return_count` integer DEFAULT 0 NOT NULL,
	`pending_extension_days` integer,
	`pending_extension_reason` text,
	`reply` text,
	`replied_by` text,
	`card` text,
	`card_due_at` integer,
	`notice_due_at` integer,
	`noticed_at` integer,
	`next_check_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_ticket_idx` ON `assignments` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `assignments_dept_idx` ON `assignments` (`department_id`,`status`,`ticket_id`);--> statement-breakpoint
CREATE INDEX `assignments_due_idx` ON `assignments` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `assignments_yellow_idx` ON `assignments` (`status`,`yellow_at`);--> statement-breakpoint
CREATE INDEX `assignments_check_idx` ON `assignments` (`next_check_at`);--> statement-breakpoint
CREATE TABLE `ticket_calls` (
	`ticket_id` integer NOT NULL,
	`call_id` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_calls_pk` ON `ticket_calls` (`ticket_id`,`call_id`);--> statement-breakpoint
CREATE INDEX `ticket_calls_call_idx` ON `ticket_calls` (`call_id`);--> statement-breakpoint
CREATE TABLE `ticket_counters` (
	`day` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`ticket_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`actor_department_id` integer,
	`assignment_id` integer,
	`note` text,
	`data` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`,`seq`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`no` text NOT NULL,
	`status` text NOT NULL,
	`status_before_return` text,
	`appeal_type` text NOT NULL,
	`category_id` integer,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`caller_name` text,
	`caller_phone` text NOT NULL,
	`address` text,
	`town` text,
	`urgency` text NOT NULL,
	`confidential` integer NOT NULL,
	`channel` text NOT NULL,
	`line` text,
	`upstream_order_no` text,
	`upstream_sign_due_at` integer,
	`upstream_due_at` integer,
	`upstream_category` text,
	`attachments` text,
	`merged_into` text,
	`accepted_at` integer,
	`direct_answer` text,
	`public_reply` text,
	`internal_notes` text,
	`solved` integer,
	`satisfaction_first` text,
	`satisfaction_final` text,
	`return_count` integer DEFAULT 0 NOT NULL,
	`extension_count` integer DEFAULT 0 NOT NULL,
	`rework_count` integer DEFAULT 0 NOT NULL,
	`revisit_count` integer DEFAULT 0 NOT NULL,
	`urge_count` integer DEFAULT 0 NOT NULL,
	`supervise_count` integer DEFAULT 0 NOT NULL,
	`revisit_due_at` integer,
	`registered_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_no_unique` ON `tickets` (`no`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_upstream_order_no_unique` ON `tickets` (`upstream_order_no`);--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_phone_idx` ON `tickets` (`caller_phone`);--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`);--> statement-breakpoint
CREATE TABLE `upstream_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `upstream_nonces_seen_idx` ON `upstream_nonces` (`seen_at`);--> statement-breakpoint
CREATE TABLE `upstream_notices` (
	`message_id` text PRIMARY KEY NOT NULL,
	`order_no` text NOT NULL,
	`kind` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `upstream_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`order_no` text NOT NULL,
	`ticket_no` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`source_seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `upstream_outbox_message_id_unique` ON `upstream_outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `upstream_outbox_due_idx` ON `upstream_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `upstream_outbox_order_idx` ON `upstream_outbox` (`order_no`,`id`);