CREATE TABLE `owner_proxies` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`proxy_user_id` text NOT NULL,
	`document` text NOT NULL,
	`valid_until` integer,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proxy_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `owner_proxies_live_uq` ON `owner_proxies` (`owner_id`) WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX `owner_proxies_proxy_idx` ON `owner_proxies` (`proxy_user_id`);--> statement-breakpoint
CREATE TABLE `owners` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `owners_user_uq` ON `owners` (`community_id`,`user_id`) WHERE user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `owners_community_idx` ON `owners` (`community_id`,`kind`,`name`);--> statement-breakpoint
CREATE TABLE `unit_owners` (
	`household_id` text NOT NULL,
	`owner_id` text NOT NULL,
	PRIMARY KEY(`household_id`, `owner_id`),
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_owners_owner_idx` ON `unit_owners` (`owner_id`);--> statement-breakpoint
CREATE TABLE `unit_titles` (
	`household_id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`registered_area_dm2` integer NOT NULL,
	`certificate_no` text,
	`developer_unsold` integer DEFAULT false NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_titles_community_idx` ON `unit_titles` (`community_id`);--> statement-breakpoint
CREATE TABLE `convention_roll_owners` (
	`convention_id` text NOT NULL,
	`voter_key` text NOT NULL,
	`owner_id` text NOT NULL,
	PRIMARY KEY(`convention_id`, `owner_id`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `convention_roll_owners_voter_idx` ON `convention_roll_owners` (`convention_id`,`voter_key`);--> statement-breakpoint
CREATE TABLE `convention_roll_units` (
	`convention_id` text NOT NULL,
	`household_id` text NOT NULL,
	`voter_key` text NOT NULL,
	`area_dm2` integer NOT NULL,
	PRIMARY KEY(`convention_id`, `household_id`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `convention_roll_units_voter_idx` ON `convention_roll_units` (`convention_id`,`voter_key`);--> statement-breakpoint
ALTER TABLE `conventions` ADD `roll_basis` text;--> statement-breakpoint
ALTER TABLE `conventions` ADD `roll_counting_json` text;--> statement-breakpoint
-- Votes opened before decision 011 keep the roll they were opened with (and their result):
-- residents under simple, households under every other rule, the Civil Code ones included.
UPDATE `conventions` SET `roll_basis` = CASE `rule` WHEN 'simple' THEN 'residents' ELSE 'households' END WHERE `rule` IS NOT NULL;
