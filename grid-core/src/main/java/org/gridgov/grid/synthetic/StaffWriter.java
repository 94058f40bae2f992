package org.gridgov.grid.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.util.Random;

import org.gridgov.grid.StaffRole;

/**
 * The city's staff list as CSV ({@value #HEADER}): seeded Chinese names and a phone number unique per person.
 * Counts the staff whether or not the CSV was asked for; without it nothing is drawn from the seeded
 * {@link Random}, so the GeoJSON never depends on the CSV.
 */
final class StaffWriter extends RecordWriter {

    static final String HEADER = "gridCode,personName,role,workPhone,primaryWorker";

    private static final long SALT_STAFF = 0x53544146L;

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",
        "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "谭", "廖", "贾", "夏", "付", "方", "邹", "熊",
        "欧阳", "司马",
    };

    private static final String[] GIVEN = {
        "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "兰",
        "霞", "平", "刚", "桂", "华", "建", "国", "志", "红", "梅", "玉", "海", "燕", "鹏", "辉", "婷", "琳", "欣", "宇", "浩",
        "晨", "阳", "雪", "梦", "佳", "思", "雨", "文", "斌", "瑶", "蓉", "川", "蜀", "锦", "成", "林", "春", "秋", "凤", "龙",
    };

    private static final String[] PHONE_PREFIXES = {
        "138", "139", "136", "137", "135", "158", "159", "188", "187", "150", "151", "152", "182", "183", "186", "189",
        "133", "153", "180", "181", "177", "199",
    };

    private final Random random;
    private final long phoneOffset;
    private long staffIndex;
    private int count;

    /** @param csv the CSV output, or null to count the staff only */
    StaffWriter(Writer csv, long seed) {
        super(csv);
        this.random = new Random(SyntheticCity.mix(seed, SALT_STAFF));
        this.phoneOffset = Math.floorMod(SyntheticCity.mix(seed, SALT_STAFF + 1), 100_000_000L);
    }

    void start() throws IOException {
        if (enabled()) {
            write(HEADER);
            write("\n");
        }
    }

    /** One person serving the grid {@code gridCode} in {@code role}. */
    void staff(String gridCode, StaffRole role, boolean primary) throws IOException {
        count++;
        if (!enabled()) {
            return;
        }
        record.setLength(0);
        record.append(gridCode).append(',');
        record.append(SURNAMES[random.nextInt(SURNAMES.length)]);
        record.append(GIVEN[random.nextInt(GIVEN.length)]);
        if (random.nextInt(10) < 7) {
            record.append(GIVEN[random.nextInt(GIVEN.length)]);
        }
        record.append(',').append(role.name()).append(',');
        // Unique per person: an affine bijection of the staff index onto 8 digits (multiplier coprime to 10).
        long digits = Math.floorMod(staffIndex++ * 7_368_787L + phoneOffset, 100_000_000L);
        record.append(PHONE_PREFIXES[random.nextInt(PHONE_PREFIXES.length)]);
        String d = Long.toString(digits);
        for (int i = d.length(); i < 8; i++) {
            record.append('0');
        }
        record.append(d).append(',').append(primary).append('\n');
        emit();
    }

    void finish() throws IOException {
        flush();
    }

    /** How many staff the city has so far (written or not). */
    int count() {
        return count;
    }
}
