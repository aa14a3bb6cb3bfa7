"""Interface and calendar words of sites in German, French, Spanish, Russian and Korean, for the general
furniture signal (a line made only of such words is furniture wherever it stands; see furniture.py).

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
""".split())
