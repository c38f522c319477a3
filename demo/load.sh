#!/bin/bash
# Load the demo reports into table demo.reports of database $1: invented
# bureaus of two invented cities, 2019 to 2025, generated consistent by
# tools/gen-reports (2019 and 2020 in the 2019 trial format).  A few are
# then "published" with the kind of slips real reports have, so that the
# audit has something to find.
set -eu
db=$1
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
seed=1
for city in 东川市 南岭市; do
	for bureau in 公安局 教育局 财政局 自然资源局 生态环境局 市场监督管理局; do
		for year in 2019 2020 2021 2022 2023 2024 2025; do
			"$top/tools/gen-reports" --count 1 --seed $seed --agency "$city$bureau" --year $year |
				sed "s/^/$city	/" >>"$tmp"
			seed=$((seed + 1))
		done
	done
done
psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<SQL
CREATE SCHEMA demo;
CREATE TABLE demo.reports (
    agency text NOT NULL,
    city text NOT NULL,
    year integer NOT NULL,
    report govdisclose.report NOT NULL,
    PRIMARY KEY (agency, year)
);
CREATE TEMP TABLE staged (city text, j jsonb);
\copy staged FROM '$tmp'
INSERT INTO demo.reports
SELECT j->>'agency', city, (j->>'year')::int, govdisclose.report_from_jsonb(j) FROM staged;
-- year to year, each bureau carries over what it carried forward, and its
-- documents in force follow what it issued and repealed (the generator
-- makes each year on its own)
DO \$\$
DECLARE
    r record;
    prev jsonb;
    prev_agency text;
    cur jsonb;
    col text;
    o bigint; h bigint; f bigint;
    rowkey text;
BEGIN
    FOR r IN SELECT agency, to_jsonb(report) AS j, year FROM demo.reports ORDER BY agency, year LOOP
        cur := r.j;
        IF prev_agency IS NOT DISTINCT FROM r.agency THEN
            FOR col IN SELECT regexp_replace(key_path, '^.*\.', '') FROM govdisclose.layout
                       WHERE format = '2021' AND key_path LIKE 'requests.carried_over.%'
                         AND key_path <> 'requests.carried_over.total' LOOP
                o := (prev #>> ARRAY['requests', 'carried_forward', col])::bigint;
                h := (cur #>> ARRAY['requests', 'total_handled', col])::bigint;
                f := (cur #>> ARRAY['requests', 'carried_forward', col])::bigint;
                IF h + f < o THEN f := o - h; END IF;
                cur := jsonb_set(cur, ARRAY['requests', 'carried_over', col], to_jsonb(o));
                cur := jsonb_set(cur, ARRAY['requests', 'carried_forward', col], to_jsonb(f));
                cur := jsonb_set(cur, ARRAY['requests', 'new_received', col], to_jsonb(h + f - o));
            END LOOP;
            FOREACH rowkey IN ARRAY ARRAY['carried_over', 'carried_forward', 'new_received'] LOOP
                cur := jsonb_set(cur, ARRAY['requests', rowkey, 'total'],
                                 (SELECT to_jsonb(sum(value::bigint)) FROM jsonb_each_text(cur -> 'requests' -> rowkey)
                                  WHERE key <> 'total'));
            END LOOP;
            IF cur ->> 'format' = '2021' AND prev ->> 'format' = '2021' THEN
                FOREACH rowkey IN ARRAY ARRAY['regulations', 'normative_documents'] LOOP
                    cur := jsonb_set(cur, ARRAY['proactive', rowkey, 'in_force'],
                        to_jsonb(greatest((prev #>> ARRAY['proactive', rowkey, 'in_force'])::bigint
                                          + (cur #>> ARRAY['proactive', rowkey, 'issued'])::bigint
                                          - (cur #>> ARRAY['proactive', rowkey, 'repealed'])::bigint,
                                          (cur #>> ARRAY['proactive', rowkey, 'issued'])::bigint)));
                END LOOP;
            END IF;
            UPDATE demo.reports SET report = govdisclose.report_from_jsonb(cur)
            WHERE agency = r.agency AND year = r.year;
        END IF;
        prev := cur;
        prev_agency := r.agency;
    END LOOP;
END
\$\$;
-- as published: slips of the kind real reports have
UPDATE demo.reports SET report = govdisclose.report_from_jsonb(jsonb_set(to_jsonb(report),
        '{requests,total_handled,total}', to_jsonb((report).requests.total_handled.total + 2)))
    WHERE (agency, year) IN (('东川市教育局', 2022), ('南岭市财政局', 2024));
UPDATE demo.reports SET report = govdisclose.report_from_jsonb(jsonb_set(to_jsonb(report),
        '{appeals,reconsideration,total}', to_jsonb((report).appeals.reconsideration.total + 1)))
    WHERE (agency, year) = ('东川市公安局', 2020);
UPDATE demo.reports SET report = govdisclose.report_from_jsonb(jsonb_set(to_jsonb(report),
        '{requests,carried_over,natural_person}', 'null'))
    WHERE (agency, year) = ('南岭市生态环境局', 2023);
SQL
