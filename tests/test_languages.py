"""Page furniture of sites in Italian, Portuguese, Vietnamese, Indonesian, Dutch, Japanese and Chinese goes;
the sentences of their articles, debris words included, stay."""
from __future__ import annotations

import pytest

from corpus_pkg.clean import clean_text, furniture

PAGES = [
    (  # Italian
        "Home  Politica  Esteri  Economia  Cultura  Sport\n"
        "Pyongyang inaugura una nuova linea della metropolitana\n"
        "di Mario Rossi\n"
        "Pubblicato il 3 ottobre 2026 alle 10:30\n"
        "Condividi  Commenta  Stampa\n\n"
        "La nuova linea collega il centro della capitale ai quartieri residenziali del nord, secondo l'agenzia KCNA.\n"
        "I passeggeri potranno condividere le carrozze con i turisti stranieri, ha detto il direttore della rete.\n\n"
        "Leggi anche\nKim visita una fabbrica di fertilizzanti\nNuovo stadio a Wonsan\n"
        "© 2026 Il Corriere Orientale - Tutti i diritti riservati\n",
        ["Politica  Esteri", "Mario Rossi", "Pubblicato il", "Condividi  Commenta", "Leggi anche",
         "fabbrica di fertilizzanti", "diritti riservati"],
        ["I passeggeri potranno condividere le carrozze"],
    ),
    (  # Portuguese
        "Início  Política  Mundo  Economia  Cultura\n"
        "Coreia do Norte anuncia novo plano para a agricultura\n"
        "Publicado em 03/10/2026 às 10h30\n"
        "Compartilhar  Comentar\n\n"
        "O plano prevê o aumento da produção de trigo e de milho nas províncias do sul, segundo a imprensa estatal.\n"
        "Os comentários dos agricultores foram publicados no jornal do partido na segunda-feira.\n"
        "Leia mais\n\n"
        "Veja também\nExportações de carvão caem pelo terceiro mês\n"
        "Todos os direitos reservados.\n",
        ["Início  Política", "Publicado em", "Compartilhar", "Leia mais", "Veja também", "Exportações de carvão",
         "direitos reservados"],
        ["Os comentários dos agricultores foram publicados"],
    ),
    (  # Vietnamese
        "Trang chủ  Thời sự  Thế giới  Kinh doanh  Văn hóa\n"
        "Triều Tiên khai trương nhà máy phân bón mới\n"
        "Thứ năm, 02/04/2026 - 10:30 (GMT+7)\n"
        "Chia sẻ  Bình luận\n\n"
        "Nhà máy mới tại tỉnh Nam Hamgyong sẽ sản xuất phân bón cho các hợp tác xã nông nghiệp, theo hãng thông tấn KCNA.\n"
        "Các chuyên gia nước ngoài chia sẻ nhận định rằng sản lượng có thể tăng trong năm tới.\n\n"
        "Tin liên quan\nBình Nhưỡng mở tuyến xe buýt mới\n"
        "Bản quyền thuộc về Báo Thế Giới Mới\n",
        ["Trang chủ", "Thứ năm, 02/04/2026", "Chia sẻ  Bình luận", "Tin liên quan", "tuyến xe buýt mới",
         "Bản quyền thuộc về"],
        ["Các chuyên gia nước ngoài chia sẻ nhận định"],
    ),
    (  # Japanese
        "ホーム  政治  経済  国際  社会  スポーツ\n"
        "北朝鮮、新しい肥料工場が稼働\n"
        "2026年4月2日（木）19時05分 配信\n"
        "シェア  ツイート  はてなブックマーク\n\n"
        "朝鮮中央通信によると、咸鏡南道の新しい工場は協同農場向けの肥料を生産する。\n"
        "専門家は、来年の収穫量が増える可能性があるとコメントした。\n\n"
        "関連記事\n平壌で新しいバス路線が開通\n",
        ["ホーム  政治", "2026年4月2日", "シェア  ツイート", "関連記事", "新しいバス路線"],
        ["専門家は、来年の収穫量が増える可能性があるとコメントした。"],
    ),
    (  # Chinese
        "首页  新闻  国际  财经  文化  体育\n"
        "朝鲜新化肥厂投产\n"
        "发布时间：2026-04-02 19:05\n"
        "分享到：微信 微博 QQ空间\n\n"
        "据朝中社报道，位于咸镜南道的新工厂将为农业合作社生产化肥。\n"
        "外国专家在评论中分享了他们的看法，认为明年产量可能增加。\n\n"
        "相关新闻\n平壤开通新公交线路\n"
        "阅读全文\n",
        ["首页  新闻", "发布时间", "分享到", "相关新闻", "新公交线路", "阅读全文"],
        ["外国专家在评论中分享了他们的看法，认为明年产量可能增加。"],
    ),
]


@pytest.mark.parametrize("page, gone, kept", PAGES, ids=["it", "pt", "vi", "ja", "zh"])
def test_furniture_of_sites_in_other_languages_goes_and_their_sentences_stay(page: str, gone: list[str], kept: list[str]) -> None:
    cleaned = clean_text(page)
    body = page.split("\n\n")[1]
    assert [g for g in gone if g in cleaned.text] == []
    for line in body.splitlines()[:2] + kept:
        assert line in cleaned.text
    assert cleaned.title == page.splitlines()[1]


@pytest.mark.parametrize("line", ["Condividi", "Compartilhar  Comentar", "Chia sẻ  Bình luận", "Bagikan  Komentar",
                                  "Delen  Reacties", "シェア  ツイート", "分享到：微信 微博", "Lunedì 3 ottobre 2026, ore 10:30"])
def test_interface_and_date_lines_in_other_languages_are_furniture(line: str) -> None:
    assert furniture.kind_of(line) in ("interface", "timestamp")


@pytest.mark.parametrize("line", ["Os comentários foram publicados no jornal.", "I passeggeri potranno condividere le carrozze.",
                                  "Các chuyên gia chia sẻ nhận định.", "Politica estera e cultura"])
def test_sentences_and_headings_using_those_words_are_not(line: str) -> None:
    assert furniture.kind_of(line) is None


@pytest.mark.parametrize("site, title", [("东北亚新闻网", "朝鲜新化肥厂正式投产"), ("関西ニュースネット", "北朝鮮、新しい肥料工場が稼働")])
def test_a_chinese_or_japanese_headline_is_the_title_and_the_sites_short_name_above_it_goes(site: str, title: str) -> None:
    body = "据朝中社报道，位于咸镜南道的新工厂将为农业合作社生产化肥。\n专家认为明年产量可能增加。\n"
    cleaned = clean_text(f"{site}\n{title}\n\n{body}")
    assert cleaned.title == title
    assert site not in cleaned.text and body.splitlines()[0] in cleaned.text
