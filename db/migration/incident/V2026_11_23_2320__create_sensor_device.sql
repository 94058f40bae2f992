-- Sensors (smoke, gas, door, elderly-alarm devices) and where they are installed: an alarm opens an incident at the
-- device's registered location, one open incident per device at a time (see incident_open_device_uk).
create table sensor_device (
    device_id     varchar(64)  primary key check (device_id ~ '^[0-9A-Za-z_:.-]{1,64}$'),
    kind          varchar(20)  not null check (kind in ('SMOKE', 'GAS', 'DOOR', 'ELDERLY_ALARM', 'WATER')),
    category_code varchar(40)  not null references incident_category (code),
    lat           double precision not null check (lat between -90 and 90),
    lng           double precision not null check (lng between -180 and 180),
    place         varchar(200) not null,
    active        boolean      not null default true,
    registered_at timestamptz  not null default now()
);
