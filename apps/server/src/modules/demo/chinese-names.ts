/** Chinese personal and place names for demo data: surnames weighted by how common they are, given names by generation. */
import { weighted, type Random, type WeightedPicker } from './demo-random.ts';

// Approximate shares per ten thousand people, after the Ministry of Public Security's 2020 surname ranking.
// prettier-ignore
const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = [
  ['王', 712], ['李', 700], ['张', 674], ['刘', 537], ['陈', 454], ['杨', 311], ['黄', 218], ['赵', 210],
  ['吴', 199], ['周', 185], ['徐', 145], ['孙', 143], ['马', 131], ['朱', 127], ['胡', 125], ['郭', 114],
  ['何', 109], ['林', 105], ['高', 104], ['罗', 95], ['郑', 92], ['梁', 85], ['谢', 72], ['宋', 68],
  ['唐', 66], ['许', 62], ['韩', 60], ['邓', 58], ['冯', 58], ['曹', 57], ['彭', 55], ['曾', 54],
  ['肖', 52], ['田', 50], ['董', 49], ['潘', 48], ['袁', 47], ['蔡', 46], ['蒋', 45], ['余', 44],
  ['于', 44], ['杜', 43], ['叶', 42], ['程', 41], ['魏', 40], ['苏', 39], ['吕', 38], ['丁', 37],
  ['任', 36], ['卢', 35], ['姚', 35], ['沈', 34], ['钟', 33], ['姜', 33], ['崔', 32], ['谭', 31],
  ['陆', 30], ['范', 29], ['汪', 29], ['廖', 28], ['石', 28], ['金', 27], ['韦', 26], ['贾', 26],
  ['夏', 25], ['付', 25], ['方', 24], ['邹', 23], ['熊', 23], ['白', 23], ['孟', 22], ['秦', 22],
  ['邱', 22], ['侯', 21], ['江', 21], ['尹', 21], ['薛', 20], ['闫', 20], ['段', 19], ['雷', 19],
  ['龙', 18], ['黎', 18], ['史', 18], ['陶', 17], ['贺', 17], ['毛', 16], ['郝', 16], ['顾', 16],
  ['龚', 15], ['邵', 15], ['万', 14], ['钱', 14], ['武', 13], ['严', 13], ['覃', 13], ['戴', 13],
  ['莫', 12], ['孔', 12], ['向', 12], ['常', 12], ['汤', 11], ['欧阳', 3], ['司马', 1], ['诸葛', 1],
  ['上官', 1],
];

/** The surnames in the list, most common first. */
export const surnames: readonly string[] = SURNAME_WEIGHTS.map(([s]) => s);

/** Pick a surname with its real-world frequency. */
export const pickSurname: WeightedPicker<string> = weighted(SURNAME_WEIGHTS);

type Generation = 'older' | 'middle' | 'younger';

// Given names follow fashions: 建国 and 秀英 for those born before 1970, 浩宇 and 梓涵 after 1995.
const GIVEN_NAME_CHARACTERS: Record<'male' | 'female', Record<Generation, string>> = {
  male: {
    older: '国建华明军平德文福志林永成金海伟忠兴荣庆春生祥宝贵富根有水山民强胜利发洪',
    middle: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳亮成峰东晨昌晓振',
    younger: '浩宇轩子梓睿泽俊博文昊然晨航一嘉铭杰逸辰宸皓奕瑞煜翔哲楷骏天霖锦宏凯诺',
  },
  female: {
    older: '秀英兰桂珍玉凤华芳淑琴美翠梅素云莲金月爱红霞娟萍',
    middle: '丽敏静艳娟霞燕玲芳娜萍红婷雪慧琳颖晓丹洁蕾倩莉佳',
    younger: '梓涵欣怡萱诗雨可馨悦琪思语佳若一依彤晨妍瑶雅心诺婉',
  },
};

const TWO_CHARACTER_SHARE: Record<Generation, number> = { older: 0.55, middle: 0.65, younger: 0.85 };

/** A given name of one or two characters, in the fashion of the birth year. */
export function pickGivenName(random: Random, gender: 'male' | 'female', birthYear: number): string {
  const generation: Generation = birthYear < 1970 ? 'older' : birthYear < 1995 ? 'middle' : 'younger';
  const pool = GIVEN_NAME_CHARACTERS[gender][generation];
  const first = pool[random.int(0, pool.length - 1)] ?? '';
  if (!random.chance(TWO_CHARACTER_SHARE[generation])) return first;
  // Repeated characters (婷婷, 欢欢) occur, mostly in girls' names; otherwise take two different ones.
  if (gender === 'female' && random.chance(0.04)) return first + first;
  let second = first;
  while (second === first) second = pool[random.int(0, pool.length - 1)] ?? '';
  return first + second;
}

/** A full name: surname (given or picked) and given name. */
export function pickPersonName(
  random: Random,
  gender: 'male' | 'female',
  birthYear: number,
  surname = pickSurname(random),
): string {
  return surname + pickGivenName(random, gender, birthYear);
}

// Street-office names in the style of an old city district on a lake and a river.
// prettier-ignore
const STREET_NAMES = [
  '望江', '清波', '湖滨', '小营', '南星', '紫阳', '凯旋', '采荷', '闸弄口', '四季青', '笕桥', '彭埠',
  '九堡', '丁兰', '潮鸣', '长庆', '武林', '天水', '朝晖', '文晖', '米市巷', '湖墅', '大关', '和睦',
  '祥符', '半山', '康桥', '上塘', '石桥', '东新',
];
const STREET_PREFIXES = '东西南北新安和康宁兴永长';
const STREET_SUFFIXES = '湖江塘桥浦苑港山林溪';

const COMMUNITY_FIRST = '春金翠景和东西南北阳锦丽康新文朝明华紫绿青嘉双兴益德瑞长永安福宝枫桂荷梅兰竹松柳';
const COMMUNITY_SECOND = '江苑华园湾城庭府里坊桥塘畔庄村晖阳林湖溪岸景';

/** Names of `count` street offices (…街道), the given ones first. */
export function streetNames(random: Random, count: number, first: readonly string[] = STREET_NAMES): string[] {
  const names = [...first];
  const extra = random.shuffle(combine(STREET_PREFIXES, STREET_SUFFIXES).filter((n) => !names.includes(n)));
  names.push(...extra);
  if (count > names.length) throw new RangeError(`at most ${names.length} street names are available`);
  return names.slice(0, count).map((n) => `${n}街道`);
}

/** Names of `count` distinct communities (…社区), shuffled. */
export function communityNames(random: Random, count: number): string[] {
  const all = random.shuffle(combine(COMMUNITY_FIRST, COMMUNITY_SECOND));
  if (count > all.length) throw new RangeError(`at most ${all.length} community names are available`);
  return all.slice(0, count).map((n) => `${n}社区`);
}

/** The Chinese numeral for 1–9999, as in 第十二网格 or 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`chineseNumeral expects 1–9999, got ${n}`);
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const s = String(n);
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i] ?? '';
    if (d === 0) {
      pendingZero = out !== '';
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    // 十二, not 一十二, when ten is the leading unit.
    out += (d === 1 && unit === '十' && out === '' ? '' : (digits[d] ?? '')) + unit;
  }
  return out;
}

function combine(firsts: string, seconds: string): string[] {
  const out: string[] = [];
  for (const a of firsts) for (const b of seconds) if (a !== b) out.push(a + b);
  return out;
}
