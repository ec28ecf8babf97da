-- The public figures (worker/transparency, decision 016) never show a 金点子 hidden after they
-- were computed: hiding one marks its community's snapshot stale at that instant (figures_json
-- '' and computed_at = the hiding time), so the next request recomputes it, and a computation
-- that started before the hiding cannot store over the mark (the snapshot keeps the newest
-- computed_at). The row is made first when the community had none, for the same reason.
CREATE TRIGGER `community_figures_stale_on_hide` AFTER UPDATE OF `hidden_at` ON `suggestions`
WHEN NEW.hidden_at IS NOT NULL AND OLD.hidden_at IS NULL
BEGIN
  INSERT OR IGNORE INTO community_figures (community_id, figures_json, computed_at) VALUES (NEW.community_id, '', NEW.hidden_at);
  UPDATE community_figures SET figures_json = '', computed_at = MAX(computed_at, NEW.hidden_at) WHERE community_id = NEW.community_id;
END;
