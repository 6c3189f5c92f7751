-- ArticleRecorded revision 2: how precisely the publication time is known.
alter table article_view add column published_precision varchar(10) default 'INSTANT' not null;
