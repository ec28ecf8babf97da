CREATE TABLE `blackouts` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text NOT NULL,
	`room_id` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `blackouts_centre_idx` ON `blackouts` (`centre_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `booking_slots` (
	`room_id` text NOT NULL,
	`slot_start` integer NOT NULL,
	`booking_id` text NOT NULL,
	PRIMARY KEY(`room_id`, `slot_start`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `booking_slots_booking_idx` ON `booking_slots` (`booking_id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text NOT NULL,
	`room_id` text NOT NULL,
	`user_id` text NOT NULL,
	`group_id` text,
	`series_id` text,
	`purpose` text NOT NULL,
	`headcount` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text NOT NULL,
	`late_cancel` integer DEFAULT false NOT NULL,
	`no_show_waived` integer DEFAULT false NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`reject_reason` text,
	`cancel_reason` text,
	`checked_in_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bookings_room_time_idx` ON `bookings` (`room_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_centre_time_idx` ON `bookings` (`centre_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_user_time_idx` ON `bookings` (`user_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_owner_week_idx` ON `bookings` (`user_id`,`centre_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_group_time_idx` ON `bookings` (`group_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `bookings_status_time_idx` ON `bookings` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `centre_policies` (
	`centre_id` text PRIMARY KEY NOT NULL,
	`resident_minutes_per_week` integer NOT NULL,
	`group_minutes_per_week` integer NOT NULL,
	`cancel_cutoff_minutes` integer NOT NULL,
	`checkin_opens_minutes_before` integer NOT NULL,
	`checkin_grace_minutes` integer NOT NULL,
	`no_show_limit` integer NOT NULL,
	`no_show_freeze_days` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`user_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_members_user_idx` ON `group_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text NOT NULL,
	`community_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`leader_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `groups_centre_idx` ON `groups` (`centre_id`);--> statement-breakpoint
CREATE TABLE `no_show_overrides` (
	`user_id` text NOT NULL,
	`centre_id` text NOT NULL,
	`until` integer NOT NULL,
	`granted_by` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `centre_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `room_settings` (
	`room_id` text PRIMARY KEY NOT NULL,
	`opening_hours_json` text NOT NULL,
	`slot_minutes` integer NOT NULL,
	`min_slots` integer NOT NULL,
	`max_slots` integer NOT NULL,
	`horizon_days` integer NOT NULL,
	`min_notice_minutes` integer NOT NULL,
	`needs_approval` integer NOT NULL,
	`who_may_book` text NOT NULL,
	`checkin_code` text NOT NULL,
	`photos_json` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
