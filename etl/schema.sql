-- The embedded database. Every published figure carries the seed file and line it comes from;
-- imported figures carry their dataset (file name, checksum) in `datasets`.

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE documents (
    source_file VARCHAR PRIMARY KEY, kind VARCHAR, title_ru VARCHAR, title_en VARCHAR,
    publisher VARCHAR, issue VARCHAR, date VARCHAR, note VARCHAR);

CREATE TABLE federal_districts (
    code VARCHAR PRIMARY KEY, name_ru VARCHAR, name_en VARCHAR, short_ru VARCHAR, short_en VARCHAR);

CREATE TABLE regions (
    code VARCHAR PRIMARY KEY, okato VARCHAR, name_ru VARCHAR, short_ru VARCHAR,
    name_en VARCHAR, short_en VARCHAR, fd VARCHAR REFERENCES federal_districts (code));

CREATE TABLE creative_industries (
    industry_id VARCHAR PRIMARY KEY, name_ru VARCHAR, name_en VARCHAR,
    source_file VARCHAR, source_line INTEGER);

-- A dataset is one coherent set of observations: the figures published in the seeds,
-- a user's import, or the seeded synthetic demo (synthetic = TRUE, said everywhere it shows).
CREATE TABLE datasets (
    dataset_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL,
    label_ru VARCHAR, label_en VARCHAR, origin VARCHAR, file_name VARCHAR, sha256 VARCHAR,
    rows_read BIGINT, rows_accepted BIGINT, rows_rejected BIGINT, imported_at TIMESTAMP,
    note VARCHAR);

-- Long table of every figure the maps and charts show. level: region | fd | country.
-- industry 'all' = every creative industry counted once. numerator/denominator are the
-- additive counts behind a rate, so that districts and Russia are ratios of sums.
CREATE TABLE observations (
    dataset_id VARCHAR NOT NULL REFERENCES datasets (dataset_id),
    metric VARCHAR NOT NULL, level VARCHAR NOT NULL, geo VARCHAR NOT NULL,
    industry VARCHAR NOT NULL DEFAULT 'all', year INTEGER NOT NULL,
    value DOUBLE, numerator DOUBLE, denominator DOUBLE, flag VARCHAR,
    as_published VARCHAR, source_file VARCHAR, source_line INTEGER,
    PRIMARY KEY (dataset_id, metric, level, geo, industry, year));

CREATE TABLE cluster_mentions (
    cluster_id VARCHAR NOT NULL, name_ru VARCHAR, name_en VARCHAR, type VARCHAR, scope VARCHAR,
    specialisation_ru VARCHAR, specialisation_en VARCHAR, regions VARCHAR, place_ru VARCHAR,
    status VARCHAR, status_year INTEGER, as_published VARCHAR,
    source_file VARCHAR NOT NULL, source_line INTEGER NOT NULL, note VARCHAR);

-- One row per cluster, from its mentions: the latest document's name/type/status wins.
CREATE TABLE clusters (
    cluster_id VARCHAR PRIMARY KEY, name_ru VARCHAR, name_en VARCHAR, type VARCHAR,
    scope VARCHAR, specialisation_ru VARCHAR, specialisation_en VARCHAR, place_ru VARCHAR,
    status VARCHAR, status_year INTEGER, first_year INTEGER, main_region VARCHAR,
    outside_map BOOLEAN, mentions INTEGER, source_file VARCHAR, source_line INTEGER);

-- Every subject a cluster spans (region_code NULL with outside_name for places off the map).
CREATE TABLE cluster_regions (
    cluster_id VARCHAR NOT NULL, region_code VARCHAR, outside_name VARCHAR,
    is_main BOOLEAN, source_file VARCHAR, source_line INTEGER);

CREATE TABLE cluster_facts (
    cluster_id VARCHAR NOT NULL, metric VARCHAR NOT NULL, value DOUBLE, unit VARCHAR,
    year INTEGER, as_published VARCHAR, source_file VARCHAR NOT NULL,
    source_line INTEGER NOT NULL, note VARCHAR);

CREATE TABLE cluster_criteria (
    criterion_id VARCHAR PRIMARY KEY, framework VARCHAR, cluster_type VARCHAR,
    description_en VARCHAR, description_ru VARCHAR, comparator VARCHAR, threshold DOUBLE,
    unit VARCHAR, as_published VARCHAR, source_file VARCHAR, source_line INTEGER);

-- Counts of clusters the documents state for Russia (geo 'RU') or for one subject.
CREATE TABLE cluster_counts (
    geo VARCHAR, metric VARCHAR, value DOUBLE, unit VARCHAR, year INTEGER, as_published VARCHAR,
    source_file VARCHAR, source_line INTEGER, note VARCHAR);
