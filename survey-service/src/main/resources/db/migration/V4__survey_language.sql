-- The language a survey's questions are written in (BCP 47 primary tag, e.g. 'de'); null: not set, the respondent's
-- page then follows the browser's Accept-Language.
ALTER TABLE survey ADD COLUMN language text;
