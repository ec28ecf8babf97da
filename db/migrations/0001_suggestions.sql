CREATE TABLE `answer_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `answer_templates_community_idx` ON `answer_templates` (`community_id`,`kind`);--> statement-breakpoint
CREATE TABLE `suggestion_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`suggestion_id` text NOT NULL,
	`parent_id` text,
	`author_user_id` text NOT NULL,
	`author_label` text NOT NULL,
	`body` text NOT NULL,
	`hidden_at` integer,
	`hidden_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestion_comments_suggestion_idx` ON `suggestion_comments` (`suggestion_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `suggestion_events` (
	`id` text PRIMARY KEY NOT NULL,
	`suggestion_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor_user_id` text,
	`actor_role` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`body` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestion_events_suggestion_idx` ON `suggestion_events` (`suggestion_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `suggestion_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`suggestion_id` text NOT NULL,
	`comment_id` text DEFAULT '' NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_flags_once_uq` ON `suggestion_flags` (`suggestion_id`,`comment_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `suggestion_flags_open_idx` ON `suggestion_flags` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `suggestion_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`uploader_user_id` text NOT NULL,
	`suggestion_id` text,
	`event_id` text,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploader_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `suggestion_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestion_photos_suggestion_idx` ON `suggestion_photos` (`suggestion_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `suggestion_photos_event_idx` ON `suggestion_photos` (`event_id`);--> statement-breakpoint
CREATE INDEX `suggestion_photos_uploader_idx` ON `suggestion_photos` (`uploader_user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `suggestion_ratings` (
	`suggestion_id` text NOT NULL,
	`user_id` text NOT NULL,
	`round` integer NOT NULL,
	`stars` integer NOT NULL,
	`unresolved` integer NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`suggestion_id`, `user_id`, `round`),
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suggestion_reads` (
	`user_id` text NOT NULL,
	`suggestion_id` text NOT NULL,
	`last_read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `suggestion_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suggestion_settings` (
	`community_id` text PRIMARY KEY NOT NULL,
	`response_threshold_households` integer NOT NULL,
	`answer_deadline_days` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suggestion_supports` (
	`suggestion_id` text NOT NULL,
	`user_id` text NOT NULL,
	`household_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`suggestion_id`, `user_id`),
	FOREIGN KEY (`suggestion_id`) REFERENCES `suggestions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestion_supports_household_idx` ON `suggestion_supports` (`suggestion_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `suggestion_supports_user_idx` ON `suggestion_supports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`author_user_id` text NOT NULL,
	`author_household_id` text NOT NULL,
	`author_building_label` text NOT NULL,
	`show_name` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`alley_id` text,
	`lat_e6` integer,
	`lng_e6` integer,
	`landmark` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`hidden_at` integer,
	`hidden_reason` text,
	`merged_into_id` text,
	`planner_user_id` text,
	`support_count` integer DEFAULT 0 NOT NULL,
	`support_household_count` integer DEFAULT 0 NOT NULL,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`rating_count` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`completion_round` integer DEFAULT 0 NOT NULL,
	`threshold_reached_at` integer,
	`answer_due_at` integer,
	`answered_at` integer,
	`search_text` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alley_id`) REFERENCES `alleys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`planner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestions_list_new_idx` ON `suggestions` (`community_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `suggestions_list_support_idx` ON `suggestions` (`community_id`,`support_count`,`id`);--> statement-breakpoint
CREATE INDEX `suggestions_list_updated_idx` ON `suggestions` (`community_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `suggestions_status_idx` ON `suggestions` (`community_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `suggestions_category_idx` ON `suggestions` (`community_id`,`category`,`created_at`);--> statement-breakpoint
CREATE INDEX `suggestions_alley_idx` ON `suggestions` (`alley_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `suggestions_author_idx` ON `suggestions` (`author_user_id`,`created_at`);