CREATE TABLE `convention_ballots` (
	`convention_id` text NOT NULL,
	`ballot_key` text NOT NULL,
	`building_id` text NOT NULL,
	`floor_area_dm2` integer NOT NULL,
	`option` text NOT NULL,
	`receipt` text NOT NULL,
	`source` text NOT NULL,
	`paper_ref` text,
	PRIMARY KEY(`convention_id`, `ballot_key`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `convention_ballots_receipt_uq` ON `convention_ballots` (`convention_id`,`receipt`);--> statement-breakpoint
CREATE INDEX `convention_ballots_building_idx` ON `convention_ballots` (`convention_id`,`building_id`);--> statement-breakpoint
CREATE TABLE `convention_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`convention_id` text NOT NULL,
	`version` integer NOT NULL,
	`article` integer,
	`parent_id` text,
	`author_user_id` text NOT NULL,
	`author_label` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `convention_comments_convention_idx` ON `convention_comments` (`convention_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `convention_events` (
	`id` text PRIMARY KEY NOT NULL,
	`convention_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor_user_id` text,
	`actor_role` text NOT NULL,
	`body` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `convention_events_convention_idx` ON `convention_events` (`convention_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `convention_pledges` (
	`convention_id` text NOT NULL,
	`user_id` text NOT NULL,
	`building_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`convention_id`, `user_id`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `convention_pledges_building_idx` ON `convention_pledges` (`convention_id`,`building_id`);--> statement-breakpoint
CREATE TABLE `convention_roll` (
	`convention_id` text NOT NULL,
	`voter_key` text NOT NULL,
	`household_id` text NOT NULL,
	`building_id` text NOT NULL,
	`floor_area_dm2` integer NOT NULL,
	PRIMARY KEY(`convention_id`, `voter_key`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `convention_roll_building_idx` ON `convention_roll` (`convention_id`,`building_id`);--> statement-breakpoint
CREATE TABLE `convention_versions` (
	`convention_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`preamble` text NOT NULL,
	`articles_json` text NOT NULL,
	`change_note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`convention_id`, `version`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conventions` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`status` text NOT NULL,
	`amends_id` text,
	`scope_type` text NOT NULL,
	`scope_ids_json` text NOT NULL,
	`current_version` integer NOT NULL,
	`consultation_starts_at` integer,
	`consultation_ends_at` integer,
	`rule` text,
	`quorum_num` integer,
	`quorum_den` integer,
	`approval_num` integer,
	`approval_den` integer,
	`representative_only` integer DEFAULT false NOT NULL,
	`voting_version` integer,
	`voting_opens_at` integer,
	`voting_closes_at` integer,
	`roll_voters` integer,
	`roll_area_dm2` integer,
	`result_json` text,
	`passed` integer,
	`closed_at` integer,
	`filing_number` text,
	`filing_date` text,
	`filing_authority` text,
	`in_force_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conventions_community_idx` ON `conventions` (`community_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conventions_voting_close_idx` ON `conventions` (`status`,`voting_closes_at`);