CREATE TABLE `suggestion_search` (
	`suggestion_rowid` integer PRIMARY KEY NOT NULL,
	`suggestion_id` text NOT NULL,
	`community_id` text NOT NULL,
	`status` text NOT NULL,
	`category` text NOT NULL,
	`alley_id` text,
	`hidden_at` integer,
	`answer_due_at` integer,
	`answered_at` integer
);
--> statement-breakpoint
-- The narrow rows search filters on (decision 012, "How the query runs"), kept by triggers as the
-- FTS index is (migration 0002): a suggestion inserted, deleted, or changed in a column search
-- filters on changes its row inside the same statement, so in the write's own batch, whoever
-- writes it. Counters (supports, comments, ratings) and texts do not fire the update.
CREATE TRIGGER `suggestion_search_ai` AFTER INSERT ON `suggestions` BEGIN
  INSERT INTO suggestion_search (suggestion_rowid, suggestion_id, community_id, status, category, alley_id, hidden_at, answer_due_at, answered_at)
  VALUES (new.rowid, new.id, new.community_id, new.status, new.category, new.alley_id, new.hidden_at, new.answer_due_at, new.answered_at);
END;
--> statement-breakpoint
CREATE TRIGGER `suggestion_search_ad` AFTER DELETE ON `suggestions` BEGIN
  DELETE FROM suggestion_search WHERE suggestion_rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `suggestion_search_au` AFTER UPDATE OF `id`, `community_id`, `status`, `category`, `alley_id`, `hidden_at`, `answer_due_at`, `answered_at` ON `suggestions` BEGIN
  UPDATE suggestion_search SET suggestion_id = new.id, community_id = new.community_id, status = new.status,
    category = new.category, alley_id = new.alley_id, hidden_at = new.hidden_at,
    answer_due_at = new.answer_due_at, answered_at = new.answered_at
  WHERE suggestion_rowid = new.rowid;
END;
--> statement-breakpoint
-- Backfill: every suggestion already written.
INSERT INTO suggestion_search (suggestion_rowid, suggestion_id, community_id, status, category, alley_id, hidden_at, answer_due_at, answered_at)
SELECT rowid, id, community_id, status, category, alley_id, hidden_at, answer_due_at, answered_at FROM suggestions;
