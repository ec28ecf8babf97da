CREATE TABLE `convention_turnout` (
	`convention_id` text NOT NULL,
	`building_id` text NOT NULL,
	`roll_voters` integer NOT NULL,
	`roll_area_dm2` integer NOT NULL,
	`cast_voters` integer DEFAULT 0 NOT NULL,
	`cast_area_dm2` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`convention_id`, `building_id`),
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The turnout meter's counters (decision 022): a ballot row landing, leaving or moving changes its
-- building's counter inside the same statement, so in the ballot's own transaction — whoever
-- writes it (an online or proxy ballot, a paper one, a replacement, which is an UPDATE of the same
-- voter's row and keeps building and area). `n = n + 1` under SQLite's single writer loses no
-- update however many ballots race. The counters keep no option: per-building counts by option
-- would tell more than the published result (docs/ballot-secrecy.md).
CREATE TRIGGER `convention_turnout_on_ballot` AFTER INSERT ON `convention_ballots`
BEGIN
  UPDATE convention_turnout SET cast_voters = cast_voters + 1, cast_area_dm2 = cast_area_dm2 + NEW.floor_area_dm2
  WHERE convention_id = NEW.convention_id AND building_id = NEW.building_id;
END;
--> statement-breakpoint
CREATE TRIGGER `convention_turnout_on_ballot_removed` AFTER DELETE ON `convention_ballots`
BEGIN
  UPDATE convention_turnout SET cast_voters = cast_voters - 1, cast_area_dm2 = cast_area_dm2 - OLD.floor_area_dm2
  WHERE convention_id = OLD.convention_id AND building_id = OLD.building_id;
END;
--> statement-breakpoint
CREATE TRIGGER `convention_turnout_on_ballot_moved` AFTER UPDATE OF `convention_id`, `building_id`, `floor_area_dm2` ON `convention_ballots`
WHEN OLD.convention_id IS NOT NEW.convention_id OR OLD.building_id IS NOT NEW.building_id OR OLD.floor_area_dm2 IS NOT NEW.floor_area_dm2
BEGIN
  UPDATE convention_turnout SET cast_voters = cast_voters - 1, cast_area_dm2 = cast_area_dm2 - OLD.floor_area_dm2
  WHERE convention_id = OLD.convention_id AND building_id = OLD.building_id;
  UPDATE convention_turnout SET cast_voters = cast_voters + 1, cast_area_dm2 = cast_area_dm2 + NEW.floor_area_dm2
  WHERE convention_id = NEW.convention_id AND building_id = NEW.building_id;
END;
--> statement-breakpoint
-- Backfill: every vote opened before this migration (running or closed) gets its rows, the roll
-- grouped by building and the ballots recounted. Votes that already have rows are left alone, so
-- the statement can run again (tests/worker/conventions-turnout.test.ts does).
INSERT INTO convention_turnout (convention_id, building_id, roll_voters, roll_area_dm2, cast_voters, cast_area_dm2)
SELECT r.convention_id, r.building_id, COUNT(*), COALESCE(SUM(r.floor_area_dm2), 0),
  (SELECT COUNT(*) FROM convention_ballots b WHERE b.convention_id = r.convention_id AND b.building_id = r.building_id),
  (SELECT COALESCE(SUM(b.floor_area_dm2), 0) FROM convention_ballots b WHERE b.convention_id = r.convention_id AND b.building_id = r.building_id)
FROM convention_roll r
WHERE NOT EXISTS (SELECT 1 FROM convention_turnout t WHERE t.convention_id = r.convention_id)
GROUP BY r.convention_id, r.building_id;
