-- Where a compound (its gate) and a building stand, WGS84 decimal degrees: a dwelling lies where its building stands,
-- else where its compound does. Read by the 15-minute life circle's coverage report (participation module, through
-- the shared kernel's DwellingLocations port). Both coordinates or neither.
alter table resident_compound
    add column lat double precision check (lat between -90 and 90),
    add column lng double precision check (lng between -180 and 180),
    add constraint resident_compound_location_pair check ((lat is null) = (lng is null));
alter table resident_building
    add column lat double precision check (lat between -90 and 90),
    add column lng double precision check (lng between -180 and 180),
    add constraint resident_building_location_pair check ((lat is null) = (lng is null));
