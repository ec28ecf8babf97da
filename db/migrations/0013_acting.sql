ALTER TABLE `invite_codes` ADD `claims_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `users` ADD `registered_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `registered_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `claimed_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `suggestion_supports` ADD `acted_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `suggestions` ADD `acted_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `convention_ballots` ADD `acted_by` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `acted_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meeting_registrations` ADD `acted_by` text REFERENCES users(id);