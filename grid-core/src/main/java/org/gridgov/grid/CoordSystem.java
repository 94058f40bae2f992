package org.gridgov.grid;

/**
 * The datum a client's coordinates are in. Chinese map SDKs do not return GPS coordinates: Amap and Tencent use
 * GCJ-02 (the "Mars" offset mandated for published maps), Baidu uses BD-09 on top of it. Everything is stored and
 * located in WGS84, so incoming points are converted with the published inverse transforms (iterative, accurate to
 * well under a metre inside China). Outside China GCJ-02 equals WGS84.
 */
public enum CoordSystem {

    WGS84, GCJ02, BD09;

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    /** Converts a point in this datum to WGS84. */
    public GeoPoint toWgs84(double lat, double lng) {
        GeoPoint given = new GeoPoint(lat, lng); // range check on the input as sent
        return switch (this) {
            case WGS84 -> given;
            case GCJ02 -> gcj02ToWgs84(lat, lng);
            case BD09 -> {
                GeoPoint gcj = bd09ToGcj02(lat, lng);
                yield gcj02ToWgs84(gcj.lat(), gcj.lng());
            }
        };
    }

    /** WGS84 → GCJ-02, the forward transform (used by tests and by the inverse). */
    public static GeoPoint wgs84ToGcj02(double lat, double lng) {
        if (outOfChina(lat, lng)) {
            return new GeoPoint(lat, lng);
        }
        double dLat = transformLat(lng - 105.0, lat - 35.0);
        double dLng = transformLng(lng - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new GeoPoint(lat + dLat, lng + dLng);
    }

    /** GCJ-02 → BD-09, the forward transform. */
    public static GeoPoint gcj02ToBd09(double lat, double lng) {
        double z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
        return new GeoPoint(z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065);
    }

    static GeoPoint bd09ToGcj02(double lat, double lng) {
        double x = lng - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new GeoPoint(z * Math.sin(theta), z * Math.cos(theta));
    }

    /** Inverse of {@link #wgs84ToGcj02} by fixed-point iteration: converges to millimetres in a few steps. */
    static GeoPoint gcj02ToWgs84(double lat, double lng) {
        if (outOfChina(lat, lng)) {
            return new GeoPoint(lat, lng);
        }
        double wLat = lat;
        double wLng = lng;
        for (int i = 0; i < 10; i++) {
            GeoPoint forward = wgs84ToGcj02(wLat, wLng);
            double dLat = forward.lat() - lat;
            double dLng = forward.lng() - lng;
            wLat -= dLat;
            wLng -= dLng;
            if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) {
                break;
            }
        }
        return new GeoPoint(wLat, wLng);
    }

    private static boolean outOfChina(double lat, double lng) {
        return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLng(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
