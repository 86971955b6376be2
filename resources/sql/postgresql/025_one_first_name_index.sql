-- Issue 19: one expression index on the first name instead of two. Migration 022 added
-- leads_first_name_sort (COALESCE(lower(first_name), ''), for the name sort) beside 015's
-- leads_first_name_lower (lower(first_name), for the search); every lead insert paid a random
-- insert into each (bench_import --easy: the writer thread 14-17 s against about 8 s before 022).
-- The search now ranges over the sort's expression: for a non-empty search text the matches are
-- the same (a NULL first name matched no range before and its '' matches none now).
DROP INDEX leads_first_name_lower;
