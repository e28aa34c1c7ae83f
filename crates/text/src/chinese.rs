//! Simplified or Traditional Chinese, told apart by frequent characters that
//! exist in only one of the two forms.

/// The form of written Chinese a text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChineseScript {
    /// Simplified characters (mainland China, Singapore): tagged `zh-CN`.
    Simplified,
    /// Traditional characters (Taiwan, Hong Kong, Macau): tagged `zh-TW`.
    Traditional,
}

// Frequent characters whose simplified and traditional forms differ, as pairs
// in the same order. Around 150 pairs cover most running text: a paragraph of
// either form holds several of them.
const SIMPLIFIED: &str = "这个们国来时说会为发对经业实学动进现与关长机间问开还产过样点体从应当两\
    东书么义乐习买乱亲论议记许设证识话语说读调谈请贵费资质车轮软转边达运选递\
    门闻阳阶队际陆难电页顺须预领题风飞马验鸟鱼黄齐龙广庆库应废开异弃张强归当\
    录彻径总恶悬惊惯战户执扩扬报担拥择据换损摇数斗无旧时显晋权杂条来极构标\
    样桥检楼欢气汉汤没沟济测浅满灭灯炼烟热爱环现产众优会伤体价们备养兴军农冲\
    决况净凤击则刚创删别办务动劳势区医华单卖卫却厅历压厌县参双发变叶号叹吗听\
    启员响团围图圆圣场坏块坚坛垄处复够头夹奋妇妈娱孙宁宝实宪宫对寻导尔尽层属\
    岁岛峡币师帐带帮库应废庙开异张弹强归录彻";
const TRADITIONAL: &str = "這個們國來時說會為發對經業實學動進現與關長機間問開還產過樣點體從應當兩\
    東書麼義樂習買亂親論議記許設證識話語說讀調談請貴費資質車輪軟轉邊達運選遞\
    門聞陽階隊際陸難電頁順須預領題風飛馬驗鳥魚黃齊龍廣慶庫應廢開異棄張強歸當\
    錄徹徑總惡懸驚慣戰戶執擴揚報擔擁擇據換損搖數鬥無舊時顯晉權雜條來極構標\
    樣橋檢樓歡氣漢湯沒溝濟測淺滿滅燈煉煙熱愛環現產眾優會傷體價們備養興軍農衝\
    決況淨鳳擊則剛創刪別辦務動勞勢區醫華單賣衛卻廳歷壓厭縣參雙發變葉號嘆嗎聽\
    啟員響團圍圖圓聖場壞塊堅壇壟處復夠頭夾奮婦媽娛孫寧寶實憲宮對尋導爾盡層屬\
    歲島峽幣師帳帶幫庫應廢廟開異張彈強歸錄徹";

/// Whether a Chinese text is written in Simplified or Traditional characters,
/// or `None` when it holds none of the characters that tell them apart.
pub fn chinese_script(text: &str) -> Option<ChineseScript> {
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars() {
        if SIMPLIFIED.contains(c) {
            simplified += 1;
        } else if TRADITIONAL.contains(c) {
            traditional += 1;
        }
    }
    match simplified.cmp(&traditional) {
        std::cmp::Ordering::Greater => Some(ChineseScript::Simplified),
        std::cmp::Ordering::Less => Some(ChineseScript::Traditional),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_pair_up() {
        let s: Vec<char> = SIMPLIFIED.chars().filter(|c| !c.is_whitespace()).collect();
        let t: Vec<char> = TRADITIONAL.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(s.len(), t.len());
        for (a, b) in s.iter().zip(&t) {
            assert_ne!(a, b, "{a} is the same in both forms");
            assert!(
                !TRADITIONAL.contains(*a),
                "{a} is listed as traditional too"
            );
            assert!(!SIMPLIFIED.contains(*b), "{b} is listed as simplified too");
        }
    }

    #[test]
    fn tells_the_forms_apart() {
        assert_eq!(
            chinese_script("这是我们国家的发展报告。"),
            Some(ChineseScript::Simplified)
        );
        assert_eq!(
            chinese_script("這是我們國家的發展報告。"),
            Some(ChineseScript::Traditional)
        );
        assert_eq!(chinese_script("人民大会"), Some(ChineseScript::Simplified));
        assert_eq!(chinese_script("中文"), None);
    }
}
