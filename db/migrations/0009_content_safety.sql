CREATE TABLE `content_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`author_user_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`scene` integer NOT NULL,
	`reason` text NOT NULL,
	`matched_words_json` text DEFAULT '[]' NOT NULL,
	`label` integer,
	`trace_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_holds_target_uq` ON `content_holds` (`target_type`,`target_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_holds_trace_uq` ON `content_holds` (`trace_id`);--> statement-breakpoint
CREATE INDEX `content_holds_queue_idx` ON `content_holds` (`community_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `content_holds_retry_idx` ON `content_holds` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `content_holds_author_idx` ON `content_holds` (`author_user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `content_word_lists` (
	`street_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `content_words` (
	`id` text PRIMARY KEY NOT NULL,
	`street_id` text NOT NULL,
	`word` text NOT NULL,
	`kind` text NOT NULL,
	`added_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_words_street_word_uq` ON `content_words` (`street_id`,`word`);