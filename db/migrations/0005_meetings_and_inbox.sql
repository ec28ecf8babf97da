CREATE TABLE `meeting_agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`suggestion_id` text,
	`convention_id` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_agenda_meeting_idx` ON `meeting_agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `meeting_agenda_suggestion_idx` ON `meeting_agenda_items` (`suggestion_id`);--> statement-breakpoint
CREATE INDEX `meeting_agenda_convention_idx` ON `meeting_agenda_items` (`convention_id`);--> statement-breakpoint
CREATE TABLE `meeting_invitations` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`invited_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_invitations_user_idx` ON `meeting_invitations` (`user_id`);--> statement-breakpoint
CREATE TABLE `meeting_item_ratings` (
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`stars` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `user_id`),
	FOREIGN KEY (`item_id`) REFERENCES `meeting_agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_photos_meeting_idx` ON `meeting_photos` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `meeting_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`promotion_id` text,
	`promoted_at` integer,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_registrations_seq_idx` ON `meeting_registrations` (`meeting_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_registrations_live_idx` ON `meeting_registrations` (`meeting_id`,`user_id`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `meeting_registrations_status_idx` ON `meeting_registrations` (`meeting_id`,`status`,`seq`);--> statement-breakpoint
CREATE INDEX `meeting_registrations_user_idx` ON `meeting_registrations` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `meeting_registrations_promotion_idx` ON `meeting_registrations` (`promotion_id`);--> statement-breakpoint
CREATE TABLE `meeting_resolutions` (
	`item_id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`decision` text NOT NULL,
	`votes_for` integer,
	`votes_against` integer,
	`votes_abstain` integer,
	`owner` text NOT NULL,
	`due_date` text,
	`suggestion_move` text DEFAULT 'none' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `meeting_agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_resolutions_meeting_idx` ON `meeting_resolutions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_speak_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`topic` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `meeting_agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_speak_item_user_idx` ON `meeting_speak_requests` (`item_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `meeting_speak_meeting_idx` ON `meeting_speak_requests` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `meeting_walk_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`user_id` text,
	`name` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`added_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_walk_ins_meeting_idx` ON `meeting_walk_ins` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_walk_ins_user_idx` ON `meeting_walk_ins` (`meeting_id`,`user_id`) WHERE user_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`room_id` text,
	`booking_id` text,
	`address` text NOT NULL,
	`capacity` integer NOT NULL,
	`signup_opens_at` integer NOT NULL,
	`signup_closes_at` integer NOT NULL,
	`audience` text NOT NULL,
	`status` text NOT NULL,
	`checkin_code` text NOT NULL,
	`cancel_reason` text,
	`minutes` text,
	`minutes_published_at` integer,
	`created_by` text NOT NULL,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_community_time_idx` ON `meetings` (`community_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `meetings_booking_idx` ON `meetings` (`booking_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);