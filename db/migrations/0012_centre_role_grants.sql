CREATE TABLE `centre_role_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`granted_by` text,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `centre_role_grants_live_uq` ON `centre_role_grants` (`centre_id`,`user_id`,`role`) WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX `centre_role_grants_user_idx` ON `centre_role_grants` (`user_id`,`revoked_at`);--> statement-breakpoint
-- Decision 020: running a 邻里中心 is granted per centre, never implied. Today's holders of the
-- community role 'centre_manager' become managers of every centre serving their community,
-- keeping who granted it and when (the earliest, when a person held it in two communities the
-- same centre serves). Admins are not carried: they held no grant, only the implication.
INSERT INTO `centre_role_grants` (`id`, `centre_id`, `user_id`, `role`, `granted_by`, `granted_at`)
SELECT 'cg-' || lower(hex(randomblob(10))), cc.`centre_id`, g.`user_id`, 'manager', g.`granted_by`, MIN(g.`granted_at`)
FROM `role_grants` g JOIN `centre_communities` cc ON cc.`community_id` = g.`community_id`
WHERE g.`role` = 'centre_manager'
GROUP BY cc.`centre_id`, g.`user_id`;
--> statement-breakpoint
-- The community role is gone: no code reads it, and no row keeps it.
DELETE FROM `role_grants` WHERE `role` = 'centre_manager';
