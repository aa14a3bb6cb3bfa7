"""Interface, calendar and section words of sites in German, French, Spanish, Russian, Korean, Italian,
Portuguese, Dutch, Polish, Turkish, Indonesian, Vietnamese, Japanese and Chinese, for the general furniture
signal (a line made only of such words is furniture wherever it stands; see furniture.py).

Only words that name a site's controls or a date's parts are listed: a line of an article uses others."""
from __future__ import annotations

INTERFACE_WORDS = frozenset("""
teilen geteilt merken drucken kommentare kommentar kommentieren antworten zitieren melden anmelden abmelden registrieren
abonnieren abonnent startseite suche mehr weiterlesen zurück nach oben artikel nachrichten newsletter
partager partagez imprimer commenter commentaires commentaire répondre signaler connecter connexion
 abonner abonnez-vous abonné abonnés accueil rechercher favoris
compartir comparte imprimir comentar comentarios comentario responder denunciar iniciar sesión registrarse
suscribirse suscríbete portada buscar seguir guardar publicidad
поделиться поделитесь печать распечатать комментарии комментарий комментировать ответить пожаловаться
войти выйти регистрация подписаться подписка главная поиск читать далее ещё еще вконтакте одноклассники дзен
реклама
공유하기 공유 스크랩 인쇄 댓글 답글 답글쓰기 글쓰기 목록 추천 비추천 공감 신고 더보기 로그인 로그아웃 회원가입
홈 검색 구독 좋아요 페이스북 트위터 카카오톡 카카오스토리 밴드 url복사 링크복사 정렬 최신순 공감순 순공감순
kakaotalk kakao blogthis!
condividi condivisioni stampa commenta commenti commento rispondi accedi esci registrati iscriviti abbonati
abbonamento cerca leggi altro continua segui salva pubblicità
compartilhar compartilhe comentar comentários comentário responder entrar sair cadastre-se assine assinante
assinatura busca pesquisar mais leia continue seguir salvar publicidade início
delen reageer reacties reactie afdrukken inloggen uitloggen registreren abonneren abonnee zoeken meer lees volg
opslaan advertentie
udostępnij komentarze komentarz odpowiedz drukuj zaloguj wyloguj zarejestruj subskrybuj szukaj więcej czytaj
obserwuj zapisz reklama
paylaş yorum yorumlar yanıtla yazdır giriş çıkış kayıt abone ara daha devamı oku takip kaydet reklam
bagikan komentar balas cetak masuk keluar daftar berlangganan cari lainnya selengkapnya baca ikuti simpan iklan
chia sẻ bình luận trả lời đăng nhập xuất ký theo dõi tìm kiếm xem thêm tiếp lưu quảng cáo trang chủ tin tức
シェア ツイート はてなブックマーク ブックマーク コメント 印刷 ログイン ログアウト 会員登録 ホーム 検索 メニュー
トップ いいね フォロー 保存 購読 一覧 もっと見る 続きを読む 閉じる 戻る 送る lineで送る pocket
分享 分享到 微信 微博 qq qq空间 朋友圈 评论 打印 登录 注册 搜索 首页 返回 返回顶部 收藏 点赞 关闭 更多 阅读全文 展开全文
分享至 評論 列印 登入 註冊 搜尋 首頁 收藏 按讚 關閉 更多 閱讀全文
""".split())

CALENDAR_WORDS = frozenset("""
januar februar märz april mai juni juli august september oktober november dezember uhr
montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so jan feb mär apr jun jul aug sep okt nov dez
janvier février mars avril juin juillet août septembre octobre novembre décembre
lundi mardi mercredi jeudi vendredi samedi dimanche
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
lunes martes miércoles jueves viernes sábado domingo
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
сегодня вчера назад минут минуту часа часов дня дней
오전 오후 전 시간 분 초 일 주 개월 년 어제 오늘
월 화 수 목 금 토 월요일 화요일 수요일 목요일 금요일 토요일 일요일 입력 수정 기사입력 최종수정 업데이트
星期一 星期二 星期三 星期四 星期五 星期六 星期日 发布时间 发布 更新
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
lunedì martedì mercoledì giovedì venerdì sabato domenica ore alle
janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo às atualizado
januari februari maart april mei juni juli augustus september oktober november december
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia
ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık
januari februari maret mei juni juli agustus oktober desember senin selasa rabu kamis jumat sabtu minggu wib
tháng ngày thứ hai ba tư năm sáu bảy chủ nhật gmt+7
月 火 水 木 金 土 日 配信 更新 公開 投稿 发布于 更新于 發佈 發布
""".split())

# Names of a site's sections in the same languages, as its menu bar lists them (see furniture.is_word_menu).
SECTION_WORDS = frozenset("""
politik wirtschaft kultur sport meinung panorama wissen ausland inland
politique économie international société sports culture monde opinions
política economía internacional sociedad deportes cultura opinión mundo
политика экономика общество культура спорт мир происшествия
politica esteri economia cronaca cultura sport spettacoli opinioni mondo
política economia mundo cultura esportes opinião brasil
politiek economie buitenland binnenland cultuur sport opinie
polityka gospodarka świat kraj kultura sport opinie
siyaset ekonomi dünya gündem kültür spor
politik ekonomi dunia budaya olahraga nasional
thời sự thế giới kinh doanh văn hóa thể thao giải trí pháp luật giáo dục sức khỏe
政治 経済 国際 社会 スポーツ 文化 新闻 国际 财经 文化 体育 社会 军事 科技 娱乐 新聞 國際 財經 體育
""".split())
