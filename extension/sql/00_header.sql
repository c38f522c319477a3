/* govdisclose install script, assembled by the Makefile from extension/sql/ */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION govdisclose" to load this file. \quit

-- Every role may use the types and functions (the extension owns the schema).
GRANT USAGE ON SCHEMA govdisclose TO PUBLIC;

