CREATE TABLE `building_group_buildings` (
	`group_id` text NOT NULL,
	`building_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `building_id`),
	FOREIGN KEY (`group_id`) REFERENCES `building_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `building_group_buildings_building_uq` ON `building_group_buildings` (`building_id`);--> statement-breakpoint
CREATE TABLE `building_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `building_groups_community_idx` ON `building_groups` (`community_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `grid_compounds` (
	`grid_id` text NOT NULL,
	`compound_id` text NOT NULL,
	PRIMARY KEY(`grid_id`, `compound_id`),
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`compound_id`) REFERENCES `compounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grid_compounds_compound_uq` ON `grid_compounds` (`compound_id`);--> statement-breakpoint
CREATE TABLE `grid_role_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`grid_id` text,
	`building_group_id` text,
	`granted_by` text NOT NULL,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_group_id`) REFERENCES `building_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grid_role_grants_scope_ck" CHECK((role = 'grid_worker' AND grid_id IS NOT NULL AND building_group_id IS NULL) OR (role = 'building_leader' AND building_group_id IS NOT NULL AND grid_id IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grid_role_grants_grid_live_uq` ON `grid_role_grants` (`grid_id`,`user_id`) WHERE revoked_at IS NULL AND grid_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `grid_role_grants_group_live_uq` ON `grid_role_grants` (`building_group_id`,`user_id`) WHERE revoked_at IS NULL AND building_group_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `grid_role_grants_user_idx` ON `grid_role_grants` (`user_id`,`revoked_at`);--> statement-breakpoint
CREATE INDEX `grid_role_grants_community_idx` ON `grid_role_grants` (`community_id`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `grids` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grids_community_idx` ON `grids` (`community_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `residency_vouches` (
	`request_id` text NOT NULL,
	`voucher_user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `voucher_user_id`),
	FOREIGN KEY (`request_id`) REFERENCES `residency_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voucher_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `residency_vouches_voucher_idx` ON `residency_vouches` (`voucher_user_id`);--> statement-breakpoint
ALTER TABLE `conventions` ADD `not_voted_visible_to_leaders` integer DEFAULT false NOT NULL;