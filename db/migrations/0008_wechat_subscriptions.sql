CREATE TABLE `wechat_tokens` (
	`app_id` text PRIMARY KEY NOT NULL,
	`access_token` text,
	`expires_at` integer DEFAULT 0 NOT NULL,
	`lease_holder` text,
	`lease_until` integer DEFAULT 0 NOT NULL,
	`fetched_at` integer
);
--> statement-breakpoint
CREATE TABLE `subscribe_grants` (
	`user_id` text NOT NULL,
	`topic` text NOT NULL,
	`enabled` integer NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	`long_term` integer DEFAULT false NOT NULL,
	`last_answer` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `topic`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `wechat_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`user_id` text NOT NULL,
	`topic` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claim` text,
	`claimed_at` integer,
	`sent_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_outbox_notification_uq` ON `wechat_outbox` (`notification_id`);--> statement-breakpoint
CREATE INDEX `wechat_outbox_due_idx` ON `wechat_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `wechat_outbox_claim_idx` ON `wechat_outbox` (`claim`);--> statement-breakpoint
CREATE INDEX `wechat_outbox_user_idx` ON `wechat_outbox` (`user_id`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `wechat_topic` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `subject` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `event_at` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `place` text;--> statement-breakpoint
-- A notice with a WeChat topic queues a subscribe message in the same transaction as the notice
-- itself (so in the batch of the event), when the person has switched the topic on and holds a
-- credit or a long-term subscription; a one-time credit is taken by the same trigger. SQLite runs
-- one writer at a time, so 200 notices racing for one person queue at most `credits` messages.
-- The topic comes from worker/inbox/topics.ts (notify.ts writes it); decision 012.
CREATE TRIGGER `notifications_wechat_outbox` AFTER INSERT ON `notifications`
WHEN NEW.wechat_topic IS NOT NULL
BEGIN
  INSERT INTO wechat_outbox (id, notification_id, user_id, topic, status, attempts, next_attempt_at, created_at)
  SELECT lower(hex(randomblob(8))), NEW.id, NEW.user_id, NEW.wechat_topic, 'queued', 0, NEW.created_at, NEW.created_at
  FROM subscribe_grants g
  WHERE g.user_id = NEW.user_id AND g.topic = NEW.wechat_topic AND g.enabled = 1
    AND (g.long_term = 1 OR g.credits > 0);
  UPDATE subscribe_grants SET credits = credits - 1
  WHERE user_id = NEW.user_id AND topic = NEW.wechat_topic AND enabled = 1 AND long_term = 0 AND credits > 0;
END;
