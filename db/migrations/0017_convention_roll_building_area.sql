-- The roll's building index carries the area too (issue 18): the opening's per-building turnout
-- rows (decision 022, worker/conventions/turnout.ts#turnoutRowsStatement) count and sum a vote's
-- roll by building from the index alone instead of looking up every roll row.
DROP INDEX `convention_roll_building_idx`;--> statement-breakpoint
CREATE INDEX `convention_roll_building_idx` ON `convention_roll` (`convention_id`,`building_id`,`floor_area_dm2`);