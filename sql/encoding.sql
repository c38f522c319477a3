--
-- The extension works in UTF8 databases only: its labels, messages and
-- rendered reports are UTF-8 text
--
SELECT current_database() AS home \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_gd_euc_cn;
RESET client_min_messages;
CREATE DATABASE regress_gd_euc_cn TEMPLATE template0 ENCODING 'EUC_CN' LC_COLLATE 'C' LC_CTYPE 'C';
\c regress_gd_euc_cn
CREATE EXTENSION govdisclose;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'govdisclose';
\c :home
DROP DATABASE regress_gd_euc_cn;
