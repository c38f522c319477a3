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
