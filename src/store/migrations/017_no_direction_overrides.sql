-- Characters that turn the direction of the text after them (U+202A-E,
-- U+2066-9) can make a stored name print as something else; list25
-- no longer keeps them, and takes them out of what it kept before. A
-- name that would then be another's, where names are one of a kind, is
-- left as it is.

UPDATE contact SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0;

UPDATE contact SET company = replace(replace(replace(replace(replace(replace(replace(replace(replace(company, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(company, char(8234)) > 0 OR instr(company, char(8235)) > 0 OR instr(company, char(8236)) > 0 OR instr(company, char(8237)) > 0 OR instr(company, char(8238)) > 0 OR instr(company, char(8294)) > 0 OR instr(company, char(8295)) > 0 OR instr(company, char(8296)) > 0 OR instr(company, char(8297)) > 0;

UPDATE contact SET role = replace(replace(replace(replace(replace(replace(replace(replace(replace(role, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(role, char(8234)) > 0 OR instr(role, char(8235)) > 0 OR instr(role, char(8236)) > 0 OR instr(role, char(8237)) > 0 OR instr(role, char(8238)) > 0 OR instr(role, char(8294)) > 0 OR instr(role, char(8295)) > 0 OR instr(role, char(8296)) > 0 OR instr(role, char(8297)) > 0;

UPDATE contact SET city = replace(replace(replace(replace(replace(replace(replace(replace(replace(city, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(city, char(8234)) > 0 OR instr(city, char(8235)) > 0 OR instr(city, char(8236)) > 0 OR instr(city, char(8237)) > 0 OR instr(city, char(8238)) > 0 OR instr(city, char(8294)) > 0 OR instr(city, char(8295)) > 0 OR instr(city, char(8296)) > 0 OR instr(city, char(8297)) > 0;

UPDATE contact SET met_how = replace(replace(replace(replace(replace(replace(replace(replace(replace(met_how, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(met_how, char(8234)) > 0 OR instr(met_how, char(8235)) > 0 OR instr(met_how, char(8236)) > 0 OR instr(met_how, char(8237)) > 0 OR instr(met_how, char(8238)) > 0 OR instr(met_how, char(8294)) > 0 OR instr(met_how, char(8295)) > 0 OR instr(met_how, char(8296)) > 0 OR instr(met_how, char(8297)) > 0;

UPDATE contact SET notes = replace(replace(replace(replace(replace(replace(replace(replace(replace(notes, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(notes, char(8234)) > 0 OR instr(notes, char(8235)) > 0 OR instr(notes, char(8236)) > 0 OR instr(notes, char(8237)) > 0 OR instr(notes, char(8238)) > 0 OR instr(notes, char(8294)) > 0 OR instr(notes, char(8295)) > 0 OR instr(notes, char(8296)) > 0 OR instr(notes, char(8297)) > 0;

UPDATE category SET why = replace(replace(replace(replace(replace(replace(replace(replace(replace(why, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(why, char(8234)) > 0 OR instr(why, char(8235)) > 0 OR instr(why, char(8236)) > 0 OR instr(why, char(8237)) > 0 OR instr(why, char(8238)) > 0 OR instr(why, char(8294)) > 0 OR instr(why, char(8295)) > 0 OR instr(why, char(8296)) > 0 OR instr(why, char(8297)) > 0;

UPDATE script SET tip = replace(replace(replace(replace(replace(replace(replace(replace(replace(tip, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(tip, char(8234)) > 0 OR instr(tip, char(8235)) > 0 OR instr(tip, char(8236)) > 0 OR instr(tip, char(8237)) > 0 OR instr(tip, char(8238)) > 0 OR instr(tip, char(8294)) > 0 OR instr(tip, char(8295)) > 0 OR instr(tip, char(8296)) > 0 OR instr(tip, char(8297)) > 0;

UPDATE script SET text = replace(replace(replace(replace(replace(replace(replace(replace(replace(text, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(text, char(8234)) > 0 OR instr(text, char(8235)) > 0 OR instr(text, char(8236)) > 0 OR instr(text, char(8237)) > 0 OR instr(text, char(8238)) > 0 OR instr(text, char(8294)) > 0 OR instr(text, char(8295)) > 0 OR instr(text, char(8296)) > 0 OR instr(text, char(8297)) > 0;

UPDATE event SET title = replace(replace(replace(replace(replace(replace(replace(replace(replace(title, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(title, char(8234)) > 0 OR instr(title, char(8235)) > 0 OR instr(title, char(8236)) > 0 OR instr(title, char(8237)) > 0 OR instr(title, char(8238)) > 0 OR instr(title, char(8294)) > 0 OR instr(title, char(8295)) > 0 OR instr(title, char(8296)) > 0 OR instr(title, char(8297)) > 0;

UPDATE event SET place = replace(replace(replace(replace(replace(replace(replace(replace(replace(place, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(place, char(8234)) > 0 OR instr(place, char(8235)) > 0 OR instr(place, char(8236)) > 0 OR instr(place, char(8237)) > 0 OR instr(place, char(8238)) > 0 OR instr(place, char(8294)) > 0 OR instr(place, char(8295)) > 0 OR instr(place, char(8296)) > 0 OR instr(place, char(8297)) > 0;

UPDATE event SET offers = replace(replace(replace(replace(replace(replace(replace(replace(replace(offers, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(offers, char(8234)) > 0 OR instr(offers, char(8235)) > 0 OR instr(offers, char(8236)) > 0 OR instr(offers, char(8237)) > 0 OR instr(offers, char(8238)) > 0 OR instr(offers, char(8294)) > 0 OR instr(offers, char(8295)) > 0 OR instr(offers, char(8296)) > 0 OR instr(offers, char(8297)) > 0;

UPDATE source_group SET meets = replace(replace(replace(replace(replace(replace(replace(replace(replace(meets, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(meets, char(8234)) > 0 OR instr(meets, char(8235)) > 0 OR instr(meets, char(8236)) > 0 OR instr(meets, char(8237)) > 0 OR instr(meets, char(8238)) > 0 OR instr(meets, char(8294)) > 0 OR instr(meets, char(8295)) > 0 OR instr(meets, char(8296)) > 0 OR instr(meets, char(8297)) > 0;

UPDATE touch SET note = replace(replace(replace(replace(replace(replace(replace(replace(replace(note, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(note, char(8234)) > 0 OR instr(note, char(8235)) > 0 OR instr(note, char(8236)) > 0 OR instr(note, char(8237)) > 0 OR instr(note, char(8238)) > 0 OR instr(note, char(8294)) > 0 OR instr(note, char(8295)) > 0 OR instr(note, char(8296)) > 0 OR instr(note, char(8297)) > 0;

UPDATE referral SET note = replace(replace(replace(replace(replace(replace(replace(replace(replace(note, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(note, char(8234)) > 0 OR instr(note, char(8235)) > 0 OR instr(note, char(8236)) > 0 OR instr(note, char(8237)) > 0 OR instr(note, char(8238)) > 0 OR instr(note, char(8294)) > 0 OR instr(note, char(8295)) > 0 OR instr(note, char(8296)) > 0 OR instr(note, char(8297)) > 0;

UPDATE day_note SET text = replace(replace(replace(replace(replace(replace(replace(replace(replace(text, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(text, char(8234)) > 0 OR instr(text, char(8235)) > 0 OR instr(text, char(8236)) > 0 OR instr(text, char(8237)) > 0 OR instr(text, char(8238)) > 0 OR instr(text, char(8294)) > 0 OR instr(text, char(8295)) > 0 OR instr(text, char(8296)) > 0 OR instr(text, char(8297)) > 0;

UPDATE category SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE (instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0)
  AND NOT EXISTS (SELECT 1 FROM category o WHERE o.id <> category.id AND o.deleted_at IS NULL
                  AND o.name = replace(replace(replace(replace(replace(replace(replace(replace(replace(category.name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '') COLLATE NOCASE);

UPDATE script SET title = replace(replace(replace(replace(replace(replace(replace(replace(replace(title, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE (instr(title, char(8234)) > 0 OR instr(title, char(8235)) > 0 OR instr(title, char(8236)) > 0 OR instr(title, char(8237)) > 0 OR instr(title, char(8238)) > 0 OR instr(title, char(8294)) > 0 OR instr(title, char(8295)) > 0 OR instr(title, char(8296)) > 0 OR instr(title, char(8297)) > 0)
  AND NOT EXISTS (SELECT 1 FROM script o WHERE o.id <> script.id AND o.deleted_at IS NULL
                  AND o.title = replace(replace(replace(replace(replace(replace(replace(replace(replace(script.title, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '') COLLATE NOCASE);

UPDATE source_group SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE (instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0)
  AND NOT EXISTS (SELECT 1 FROM source_group o WHERE o.id <> source_group.id AND o.deleted_at IS NULL
                  AND o.name = replace(replace(replace(replace(replace(replace(replace(replace(replace(source_group.name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '') COLLATE NOCASE);
