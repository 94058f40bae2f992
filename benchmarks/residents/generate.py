#!/usr/bin/env python3
"""Writes a deterministic resident CSV in the import template: ROWS rows, 3 residents per dwelling, 600 dwellings per
compound, compounds spread over the micro grids MICRO_PREFIX000 .. MICRO_PREFIX(GRIDS-1). Every ID number is a valid,
distinct GB 11643 number (region × birth date × sequence)."""
import datetime
import sys

rows = int(sys.argv[1])
out = sys.argv[2]
grids = int(sys.argv[3])
prefix = sys.argv[4]
# a second file for the same database: other ID sequence numbers and other compound codes (defaults: the first file)
seq_base = int(sys.argv[5]) if len(sys.argv) > 5 else 100
compound_prefix = sys.argv[6] if len(sys.argv) > 6 else "B"

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGIONS = ["5101%02d" % r for r in range(4, 24)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁"
BASE = datetime.date(1930, 1, 1)

with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("compoundCode,compoundName,buildingCode,buildingName,unit,room,microGridCode,name,gender,birthDate,"
            "idType,idNumber,phone,ethnicity,populationType,relationToHead,movedIn,partyMember,volunteer,tags\n")
    for i in range(rows):
        region = REGIONS[i % 20]
        birth = BASE + datetime.timedelta(days=(i // 20) % 30000)
        seq = (i // 600000) * 2 + (i % 2) + seq_base
        first17 = "%s%s%03d" % (region, birth.strftime("%Y%m%d"), seq)
        check = CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]
        d = i // 3
        compound = d // 600
        grid = compound % grids
        building = (d // 60) % 10 + 1
        unit = (d // 30) % 2 + 1
        room = d % 30 + 101
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 100) % len(GIVEN)] + GIVEN[(i // 7) % len(GIVEN)]
        tags = "ELDERLY_ALONE" if i % 50 == 0 else ""
        f.write(compound_prefix + "%05d,小区%d,%d,%d栋,%d,%d,%s%03d,%s,,,RESIDENT_ID,%s%s,13%09d,汉族,%s,%s,2015-03-01,否,否,%s\n" % (
            compound, compound, building, building, unit, room, prefix, grid, name, first17, check, i,
            "户籍" if i % 4 else "流动", "户主" if i % 3 == 0 else "子女", tags))
