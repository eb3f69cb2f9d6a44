#!/bin/bash
# One database and one owner per service: no service can read another's tables.
set -euo pipefail
IFS=',' read -ra databases <<< "${POSTGRES_MULTIPLE_DATABASES}"
for db in "${databases[@]}"; do
  psql -v ON_ERROR_STOP=1 --username postgres <<-SQL
	CREATE USER "${db}" WITH PASSWORD '${POSTGRES_PASSWORD}';
	CREATE DATABASE "${db}" OWNER "${db}";
	REVOKE ALL ON DATABASE "${db}" FROM PUBLIC;
SQL
done
