-- Chinese full-text search over suggestions (see worker/lib/chinese-search.ts): an FTS5 index
-- of suggestions.search_text, which holds the text as character bigrams. External content, kept
-- in step by triggers, so the text is stored once.
CREATE VIRTUAL TABLE `suggestions_fts` USING fts5(search_text, content='suggestions', content_rowid='rowid');
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_ai` AFTER INSERT ON `suggestions` BEGIN
  INSERT INTO suggestions_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_ad` AFTER DELETE ON `suggestions` BEGIN
  INSERT INTO suggestions_fts(suggestions_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_au` AFTER UPDATE OF search_text ON `suggestions` BEGIN
  INSERT INTO suggestions_fts(suggestions_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO suggestions_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
