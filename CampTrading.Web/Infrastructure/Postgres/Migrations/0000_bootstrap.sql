-- Bootstrap migration: proves the migration pipeline. Real tables come in later files (0001_..., 0002_...).
select 1;
