CREATE TABLE `community_figures` (
	`community_id` text PRIMARY KEY NOT NULL,
	`figures_json` text NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `register_done_marks` (
	`item_id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`note` text NOT NULL,
	`marked_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `register_follows` (
	`kind` text NOT NULL,
	`entry_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `entry_id`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `register_follows_user_idx` ON `register_follows` (`user_id`,`created_at`);