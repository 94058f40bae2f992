-- A report's tracking code in one statement (it took two: the sequence's next number, then whether the code is taken).
-- incident_tracking_code is IncidentIntake.trackingCode(day, number) in SQL — the same bijection of 30 bits spelled in
-- six characters (TrackingCodeInDatabaseIT holds them equal); next_incident_tracking_code draws numbers until the code
-- is free (only codes drawn at random by earlier versions can be taken).
create function incident_tracking_code(day text, n bigint) returns text language plpgsql immutable as $$
declare
    m constant bigint := 1073741823;
    alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    x bigint;
    code text := '';
begin
    x := ((n & m) * 625341585 + 461845907) & m;
    x := x # (x >> 15);
    x := (x * 1013904223) & m;
    x := x # (x >> 13);
    x := x & m;
    for i in 1..6 loop
        code := substr(alphabet, (x & 31)::int + 1, 1) || code;
        x := x >> 5;
    end loop;
    return 'SS' || day || '-' || code;
end
$$;

create function next_incident_tracking_code(day text) returns text language plpgsql volatile as $$
declare
    code text;
begin
    loop
        code := incident_tracking_code(day, nextval('incident_tracking_seq'));
        if not exists (select 1 from incident where tracking_code = code) then
            return code;
        end if;
    end loop;
end
$$;
