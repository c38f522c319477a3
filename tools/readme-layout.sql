-- Print the key-to-label tables of README.md from govdisclose.layout.
-- tests/readme.sh checks that README.md shows exactly this output.
\pset format unaligned
\pset tuples_only on
\pset footer off
SELECT '#### Title and narratives' UNION ALL SELECT '' UNION ALL
SELECT '| key | label | section |' UNION ALL SELECT '|---|---|---|';
SELECT format('| `%s` | %s | %s |', key_path, label, coalesce(section, 'title'))
FROM govdisclose.layout WHERE format = '2021' AND kind IN ('text', 'integer') OR key_path = 'processing_fee_yuan' AND format = '2021'
ORDER BY cell;
SELECT '' UNION ALL SELECT '#### Section 二 主动公开政府信息情况' UNION ALL SELECT '' UNION ALL
SELECT '| key | 2021 format | 2019 trial format |' UNION ALL SELECT '|---|---|---|';
SELECT format('| `%s` | %s | %s |', key_path,
              coalesce(max(label) FILTER (WHERE format = '2021'), '—'),
              coalesce(max(label) FILTER (WHERE format = '2019'), '—'))
FROM govdisclose.layout WHERE key_path LIKE 'proactive.%'
GROUP BY key_path ORDER BY min(cell);
SELECT '' UNION ALL SELECT '#### Section 三 收到和处理政府信息公开申请情况: rows (`requests.<row>`)' UNION ALL SELECT '' UNION ALL
SELECT '| row | 2021 format | 2019 trial format |' UNION ALL SELECT '|---|---|---|';
SELECT format('| `%s` | %s | %s |', r,
              coalesce(max(row_label) FILTER (WHERE format = '2021'), '—'),
              coalesce(max(row_label) FILTER (WHERE format = '2019'), '—'))
FROM (SELECT regexp_replace(key_path, '^requests\.(.*)\.[a-z_]+$', '\1') AS r, * FROM govdisclose.layout
      WHERE key_path LIKE 'requests.%') l
GROUP BY r ORDER BY min(cell);
SELECT '' UNION ALL SELECT 'Columns of every row (`requests.<row>.<column>`), 申请人情况:' UNION ALL SELECT '' UNION ALL
SELECT '| column | label |' UNION ALL SELECT '|---|---|';
SELECT format('| `%s` | %s |', regexp_replace(key_path, '^.*\.', ''), column_label)
FROM govdisclose.layout WHERE format = '2021' AND key_path LIKE 'requests.new_received.%' ORDER BY cell;
SELECT '' UNION ALL SELECT '#### Section 四 政府信息公开行政复议、行政诉讼情况 (`appeals.<group>.<column>`)' UNION ALL SELECT '' UNION ALL
SELECT '| group | label |' UNION ALL SELECT '|---|---|';
SELECT format('| `%s` | %s |', g, min(row_label))
FROM (SELECT split_part(key_path, '.', 2) AS g, * FROM govdisclose.layout
      WHERE format = '2021' AND key_path LIKE 'appeals.%') l
GROUP BY g ORDER BY min(cell);
SELECT '' UNION ALL SELECT '| column | label |' UNION ALL SELECT '|---|---|';
SELECT format('| `%s` | %s |', split_part(key_path, '.', 3), column_label)
FROM govdisclose.layout WHERE format = '2021' AND key_path LIKE 'appeals.reconsideration.%' ORDER BY cell;
