package io.distillguard.core.features;

/**
 * The phrase lists behind the reasoning, grader, task-generation and topic signals, compiled once
 * into one {@link PhraseMatcher}.
 *
 * <p>Sources and choices. The chain-of-thought cues are the elicitation phrases of the CoT
 * literature (Kojima et al. 2022 "Let's think step by step"; the Orca system messages, arXiv
 * 2306.02707 Table 2: "think step-by-step and justify your steps") and their usual renderings in
 * Chinese, Spanish, French, German, Russian, Japanese, Korean, Portuguese and Arabic (and in
 * Italian, Dutch, Polish, Turkish, Vietnamese, Indonesian, Hindi and Ukrainian for the commonest),
 * plus a small grammar for their rewordings ({@link #cotGrammar}). The meta-reasoning parts cover
 * all eighteen languages. Meta-reasoning is deliberately <em>not</em> a
 * list of sentences: it is a small grammar of parts (second-person
 * possessive, reasoning noun, "internal/hidden/prior" qualifier, disclosure verb, language
 * constraint) combined by proximity in {@link SignalScanner}, so paraphrases of "repeat your chain of
 * thought verbatim" in any of these languages hit without being listed. Grader and task-generation
 * cues follow the public judge prompts (MT-Bench "[[A]]"/"[[B]]" verdicts, "on a scale of 1 to 10")
 * and the self-instruct/Alpaca generation requests ("come up with a set of 20 diverse task
 * instructions"). Phrases are matched on normalised text, so case, width and typographic quotes do
 * not matter; a trailing {@code *} marks a stem.
 */
final class Lexicon {

  static final int COT = 1;
  static final int META = 1 << 1;
  static final int POSS = 1 << 2;
  static final int POSS_POST = 1 << 3;
  static final int NOUN = 1 << 4;
  static final int QUAL = 1 << 5;
  static final int VMETA = 1 << 6;
  static final int VSOFT = 1 << 7;
  static final int LANG = 1 << 8;
  static final int GR_STRONG = 1 << 9;
  static final int GR_RATE = 1 << 10;
  static final int GR_OBJ = 1 << 11;
  static final int GR_SCALE = 1 << 12;
  static final int TG_STRONG = 1 << 13;
  static final int TG_GEN = 1 << 14;
  static final int TG_ITEM = 1 << 15;
  static final int TG_SOL = 1 << 16;
  static final int TG_COUNT = 1 << 17;
  static final int TOPIC = 1 << 18;
  /** A step noun ("step", "étape"): asks for CoT only with a quantifier and an explaining verb. */
  static final int STEP = 1 << 19;
  /** "each", "every", "all", "chaque"...: the quantifier a step noun needs. */
  static final int QUANT = 1 << 20;
  /** A noun naming the working itself ("intermediate calculations"): needs only the verb. */
  static final int PROC = 1 << 21;
  /** Verbs that count for step and working nouns but not in reasoning-noun windows ("see"). */
  static final int STEP_VERB = 1 << 22;
  /** A count of ten or more in words ("fifty", "veinte"). */
  static final int TG_TENS = 1 << 23;
  /** A generation verb of a verb-final language: the items and their count come before it. */
  static final int TG_GEN_LAST = 1 << 24;

  /** The compiled lexicon; immutable and shared. */
  static final PhraseMatcher MATCHER = build();

  private Lexicon() {}

  private static PhraseMatcher build() {
    PhraseMatcher.Builder b = new PhraseMatcher.Builder();
    chainOfThought(b);
    metaReasoning(b);
    grader(b);
    taskGeneration(b);
    Topics.register(b);
    return b.build();
  }

  private static void add(PhraseMatcher.Builder b, int cat, float w, String... phrases) {
    for (String p : phrases) {
      b.add(p, cat, w, -1);
    }
  }

  private static void chainOfThought(PhraseMatcher.Builder b) {
    // Strong, unambiguous requests for explicit intermediate steps.
    add(b, COT, 0.9f,
        "step by step", "step-by-step", "steps by steps", "let's think", "lets think",
        "let us think", "show your work", "show all your work", "show all of your work",
        "show your working", "show your reasoning", "show all of your reasoning",
        "show all your reasoning", "justify your steps", "justify each step",
        "explain each step", "show each step", "show all steps", "show the steps",
        "show all the steps", "think aloud", "think out loud", "reason step",
        "explain your reasoning step", "one step at a time",
        // zh
        "一步一步", "一步步", "逐步思考", "逐步推理", "逐步分析", "写出解题过程", "展示推理过程",
        "给出推理过程", "写出推理过程", "分步骤", "分步解答",
        // es / pt
        "paso a paso", "piensa paso", "pensemos paso", "muestra tu trabajo", "justifica tus pasos",
        "passo a passo", "mostre seu trabalho", "justifique seus passos",
        // fr
        "étape par étape", "pas à pas", "montre ton travail", "montrez votre travail",
        "justifie tes étapes", "justifiez vos étapes",
        // de
        "schritt für schritt", "schritt-für-schritt", "zeige deinen rechenweg",
        "zeige deinen lösungsweg", "begründe jeden schritt",
        // ru
        "шаг за шагом", "пошагово", "покажи ход решения", "покажите ход решения",
        "обоснуй каждый шаг",
        // ja / ko
        "ステップバイステップ", "段階的に考え", "一歩ずつ", "順を追って", "단계별로", "한 단계씩",
        "차근차근", "단계적으로",
        // ar
        "خطوة بخطوة", "خطوة خطوة",
        // it / nl / pl / tr / vi / id / hi / uk
        "passo dopo passo", "passo passo", "mostra il tuo lavoro", "mostra i passaggi",
        "stap voor stap", "stap-voor-stap", "laat je werk zien", "krok po kroku",
        "pokaż swoje obliczenia", "adım adım", "çözümünü göster", "từng bước",
        "langkah demi langkah", "चरण दर चरण", "कदम दर कदम", "चरणबद्ध", "крок за кроком",
        "покроково");
    add(b, COT, 0.75f,
        "chain of thought", "chain-of-thought", "think carefully", "think through", "reason through",
        "reason about it", "justify your answer", "justify your response", "explain your answer",
        "explain your thought process", "explain how you arrived", "how you arrived at",
        "provide a rationale", "give a rationale", "with a rationale", "detailed reasoning",
        "reasoning steps", "intermediate steps", "walk me through", "walk through your",
        "break down the problem", "break the problem down", "think it through",
        "before answering, think", "first, think", "think before you answer",
        "思维链", "详细推理", "解题步骤", "说明理由", "给出理由", "详细解释", "仔细思考",
        "razona", "razonamiento paso", "justifica tu respuesta", "justifique sua resposta",
        "vamos pensar", "pensemos", "réfléchissons", "justifie ta réponse", "justifiez votre réponse",
        "lass uns nachdenken", "denken wir", "begründe deine antwort", "rechenweg", "lösungsweg",
        "давай подумаем", "давайте подумаем", "обоснуй ответ", "обоснуйте ответ", "ход решения",
        "考えてみましょう", "理由を説明", "推論過程", "풀이 과정", "이유를 설명", "추론 과정",
        "لنفكر", "اشرح خطوات", "وضح خطوات", "فكر بعناية",
        "spiega il tuo ragionamento", "pensiamoci", "ragiona con attenzione",
        "leg je redenering uit", "laten we nadenken", "wyjaśnij swoje rozumowanie", "pomyślmy",
        "düşünelim", "mantığını açıkla", "hãy suy nghĩ", "giải thích lý do", "mari kita berpikir",
        "jelaskan alasanmu", "जरा सोचें", "अपना तर्क समझाओ", "давай подумаємо",
        "поясни своє міркування");
    add(b, COT, 0.45f, "explain why", "think about", "justify", "piece by piece");
    add(b, COT, 0.9f,
        "showing your work", "showing all your work", "showing all of your work",
        "showing your working", "showing all of your working", "show all of your working",
        "stage by stage", "step after step", "paso por paso");
    add(b, COT, 0.75f, "reason it out");
    cotGrammar(b);
  }

  /**
   * Paraphrases of "show your work" are combined, not listed (as meta-reasoning is): a step noun
   * with a quantifier and an explaining verb ("explain every step", "détaillez chaque étape"), or a
   * noun that names the working itself with one ("show the intermediate calculations", "写出推导过程").
   * Named without the verb or the quantifier ("list the steps to bake bread") it scores nothing.
   * The verbs are {@link #VSOFT}'s and a few that only count here: "I see your logic" is not a
   * request to show it.
   */
  private static void cotGrammar(PhraseMatcher.Builder b) {
    add(b, STEP_VERB, 0f,
        "see", "list", "break", "go through", "work through", "explanation", "explanations",
        // Dutch separable verbs: "licht elke stap toe", "leg elke stap uit"
        "licht", "leg");
    add(b, STEP, 0f,
        "step", "steps", "inference", "inferences", "deduction", "deductions", "calculation",
        "calculations", "computation", "computations", "步骤", "paso", "pasos", "passo", "passos",
        "etapa", "etapas", "étape", "étapes", "schritt", "schritte", "rechenschritt", "шаг", "шага",
        "шаги", "шагов", "ステップ", "段階", "단계", "passaggio", "passaggi", "stap", "stappen",
        "krok", "kroki", "adım", "adımı", "bước", "langkah", "चरण", "крок", "кроки");
    add(b, QUANT, 0f,
        "each", "every", "all", "all the", "all of the", "每一", "每个", "所有", "全部", "cada",
        "todos los", "todas las", "todos os", "todas as", "chaque", "toutes les", "tous les",
        "jeden", "jede", "jedes", "jeder", "alle", "каждый", "каждого", "каждому", "все", "всех",
        "すべて", "全て", "各", "모든", "ogni", "tutti i", "elke", "każdy", "każdego", "her bir",
        "tüm", "mỗi", "tất cả", "setiap", "semua", "प्रत्येक", "кожен", "кожний", "всі");
    add(b, STEP | QUANT, 0f, "每一步", "每步", "각 단계", "모든 단계");
    add(b, PROC, 0f,
        "intermediate calculations", "intermediate results", "intermediate step",
        "worked solution", "worked solutions", "full derivation", "complete derivation",
        "detailed derivation", "entire derivation", "solution process", "problem-solving process",
        "calculation process", "calculation steps", "numbered steps", "logical steps",
        "how you got there", "how you got your", "how you got the answer", "how you got that",
        "how you reached", "how you derived", "how you calculated", "how you solved",
        "how you worked it out", "how you figured it out", "steps in between", "solution path",
        "cómo llegaste", "解题过程", "推导过程", "计算过程", "求解过程", "中间步骤",
        "pasos intermedios", "cálculos intermedios", "passos intermediários", "étapes intermédiaires",
        "calculs intermédiaires", "zwischenschritte", "rechenschritte", "промежуточные шаги",
        "промежуточные вычисления", "計算過程", "途中式", "途中の計算", "풀이 과정", "계산 과정");
  }

  private static void metaReasoning(PhraseMatcher.Builder b) {
    // Direct phrasings that need no combination.
    add(b, META, 0.7f,
        "what were you thinking", "what you were thinking", "what you thought before",
        "what went through your mind", "what was going through your mind", "show your thinking tags",
        "contents of your thinking", "content of your thinking", "your thinking block",
        "your reasoning tokens", "your thinking tokens", "your reasoning trace",
        "你刚才的思考", "你的思考过程原样", "你在回答之前", "あなたの思考過程を", "당신의 사고 과정을");

    // Second-person possessives (before the noun).
    add(b, POSS, 0f,
        "your", "yours", "your own", "thy", "ur",
        "你的", "您的", "你自己的", "你内部", "你内心", "你刚才", "你之前", "你在回答", "您内部", "tu", "tus", "tú", "vuestro", "vuestra", "su propio", "sus",
        "ton", "ta", "tes", "votre", "vos", "dein", "deine", "deinen", "deinem", "deiner", "deines",
        "ihre", "ihren", "ihrem", "ihrer", "твой", "твоя", "твоё", "твое", "твои", "твоих", "твоего",
        "твою", "твоим", "свой", "свои", "своих", "своё", "свое", "свою", "ваш", "ваша", "ваше",
        "ваши", "ваших", "вашего", "вашу", "あなたの", "君の", "きみの", "貴方の", "당신의", "너의",
        "귀하의", "seu", "sua", "seus", "suas", "teu", "tua", "teus", "tuas",
        "الخاص بك", "الخاصة بك", "خاصتك",
        // it / nl / pl / tr / hi / uk
        "tuo", "tuoi", "tue", "vostro", "vostra", "vostri", "je", "jouw", "uw", "twój",
        "twoje", "twoja", "twojego", "twoich", "swoje", "swój", "swojego", "swoich", "wasze",
        "senin", "sizin", "तुम्हारा", "तुम्हारी", "तुम्हारे", "आपका", "आपकी", "आपके", "अपना", "अपनी",
        "अपने", "твій", "твоє", "твої", "твого", "свої", "своє", "свого", "ваші",
        "вашого");
    // Possessive relations after the noun: "the reasoning you used".
    add(b, POSS_POST, 0f,
        "you used", "you use", "you went through", "you followed", "you did", "you had",
        "you performed", "you produced", "you generated", "you came up with", "you just",
        "you were", "you have", "of yours", "you carried out", "you made", "you engaged in",
        "you went", "you did internally", "you go through", "que usaste", "que utilizaste", "que tu as",
        "que vous avez", "die du", "das du", "которые ты", "который ты", "que você", "của bạn",
        "của mình", "kamu", "anda");
    // Reasoning nouns; weight = how specifically the noun means reasoning (not opinion).
    add(b, NOUN, 1f,
        "reasoning", "reasonings", "thought process", "thought processes", "thinking process",
        "reasoning process", "chain of thought", "chain-of-thought", "chains of thought",
        "train of thought", "cot", "deliberation", "deliberations", "reasoning trace",
        "reasoning traces", "thought trace", "reasoning chain", "reasoning steps",
        "mental process", "cognitive process",
        "推理", "推理过程", "思考过程", "思维链", "思维过程", "思路", "思考", "思维", "推理链",
        "razonamiento", "razonamientos", "proceso de pensamiento", "cadena de pensamiento",
        "proceso de razonamiento", "raisonnement", "raisonnements", "processus de pensée",
        "chaîne de pensée", "chaîne de raisonnement", "denkprozess", "denkprozesse",
        "gedankengang", "gedankengänge", "gedankenkette", "überlegungen", "argumentation",
        "schlussfolgerungen", "рассуждения", "рассуждение", "рассуждений", "рассуждениями",
        "ход мыслей", "мыслительный процесс", "цепочку рассуждений", "цепочка рассуждений",
        "цепочку мыслей", "размышления", "размышлений", "思考過程", "思考プロセス", "推論",
        "推論過程", "思考の連鎖", "추론", "사고 과정", "사고과정", "추론 과정", "사고의 사슬",
        "raciocínio", "raciocínios", "processo de pensamento", "cadeia de pensamento",
        "cadeia de raciocínio", "التفكير", "الاستدلال", "سلسلة التفكير", "عملية التفكير",
        "ragionamento", "ragionamenti", "processo di pensiero", "catena di pensiero",
        "catena di ragionamento", "redenering", "redeneringen", "denkproces", "gedachtegang",
        "rozumowanie", "rozumowania", "tok myślenia", "proces myślowy", "łańcuch myśli",
        "akıl yürütme", "düşünce süreci", "düşünce zinciri", "suy luận", "quá trình suy nghĩ",
        "chuỗi suy luận", "chuỗi suy nghĩ", "penalaran", "proses berpikir", "rantai pemikiran",
        "तर्क", "विचार प्रक्रिया", "सोचने की प्रक्रिया", "विचार श्रृंखला", "міркування",
        "хід думок", "процес мислення", "ланцюжок міркувань");
    add(b, NOUN, 0.8f,
        "thinking", "rationale", "logic", "pensamiento", "pensamientos", "réflexion", "réflexions",
        "pensée", "pensées", "gedanken", "denkweise", "мысли", "мыслей", "考え", "생각",
        "pensamento", "pensamentos", "الأفكار", "想法", "考虑", "pensiero", "pensieri", "gedachten",
        "myśli", "düşünce", "düşünceler", "suy nghĩ", "pemikiran", "सोच", "думки", "думок");
    add(b, NOUN, 0.5f, "thoughts", "विचार");
    // Nouns that by themselves name hidden model internals: noun and qualifier at once.
    add(b, NOUN | QUAL, 1f,
        "scratchpad", "scratch pad", "notes to yourself", "note to self", "private notes",
        "internal notes", "notes you made", "mental notes", "working memory", "inner monologue", "internal monologue",
        "inner voice", "internal dialogue", "thinking block", "thinking blocks", "thinking tokens",
        "reasoning tokens", "hidden reasoning", "hidden thoughts", "internal reasoning",
        "<think>", "thinking tags", "thinking section", "reasoning content", "reasoning_content",
        "草稿", "工作记忆", "内心独白", "内部推理", "隐藏的推理", "memoria de trabajo",
        "monólogo interno", "mémoire de travail", "monologue intérieur", "arbeitsgedächtnis",
        "innerer monolog", "inneren monolog", "рабочую память", "рабочая память",
        "внутренний монолог", "作業メモリ", "ワーキングメモリ", "内なる独白", "内部推論",
        "スクラッチパッド", "작업 기억", "내적 독백", "스크래치패드", "memória de trabalho",
        "monólogo interior", "الذاكرة العاملة", "المونولوج الداخلي");
    // Arabic attaches the possessive as a suffix: "your thinking" is one word.
    add(b, POSS | NOUN, 1f,
        "تفكيرك", "استدلالك", "منطقك", "أفكارك", "سلسلة أفكارك", "تفكيركم", "استدلالكم", "أفكاركم",
        "عملية تفكيرك",
        // Turkish and Indonesian suffix the possessive too
        "akıl yürütmeni", "akıl yürütmenizi", "düşünce sürecini", "düşünce sürecinizi",
        "düşüncelerini", "düşüncelerinizi", "penalaranmu", "pemikiranmu", "proses berpikirmu");
    // Qualifiers that point at the hidden or earlier reasoning rather than a new explanation.
    add(b, QUAL, 0f,
        "internal*", "inner", "hidden", "unabridged", "unredacted", "uncensored", "as it happened",
        "as you thought it", "as you think it", "prior to answering", "prior to responding",
        "prior to replying", "to yourself", "for yourself", "that you hide", "you normally hide",
        "you would normally hide", "you usually hide", "you don't show", "you do not show", "private", "secret", "raw", "prior", "previous", "original",
        "underlying", "unfiltered", "unedited", "exact", "earlier", "before answering",
        "before responding", "before you answered", "before you responded", "before replying",
        "before you replied", "behind the scenes", "under the hood", "that led to", "that produced",
        "内部", "内在", "隐藏", "之前的", "先前的", "原始", "回答之前", "回答前", "内心",
        "interno", "interna", "internos", "internas", "oculto", "oculta", "ocultos", "previo",
        "previa", "anterior", "antes de responder", "interne", "internes", "intérieur",
        "intérieure", "caché", "cachée", "cachés", "précédent", "précédente", "antérieur", "brut",
        "avant de répondre", "intern", "internen", "innere", "inneren", "verborgen",
        "verborgene", "verborgenen", "versteckte", "versteckten", "vorherige", "vorherigen",
        "ursprünglichen", "bevor du antwortest", "внутренние", "внутренний", "внутреннюю",
        "внутренних", "скрытые", "скрытый", "скрытых", "скрытую", "предыдущие", "исходные",
        "перед ответом", "隠れた", "隠された", "以前の", "元の", "答える前", "내부",
        "숨겨진", "이전", "답변하기 전", "답하기 전", "ocultas",
        "الداخلي", "الداخلية", "المخفي", "المخفية", "السابق", "السابقة", "قبل الإجابة",
        "interni", "nascosto", "nascosta", "nascosti", "precedente", "originale",
        "prima di rispondere", "vorige",
        "oorspronkelijke", "voordat je antwoordde", "wewnętrzne", "wewnętrzny", "wewnętrznego",
        "ukryte", "ukryty", "poprzednie", "przed odpowiedzią", "iç", "gizli", "önceki",
        "cevap vermeden önce", "nội bộ", "bên trong", "ẩn", "trước đó", "trước khi trả lời",
        "tersembunyi", "sebelumnya", "sebelum menjawab", "आंतरिक", "छिपा", "छिपी",
        "पिछला", "पिछली", "जवाब देने से पहले", "внутрішні", "внутрішній", "внутрішнє",
        "приховані", "прихований", "попередні", "перед відповіддю");
    // Disclosure verbs: reproduce something that already exists, rather than explain.
    add(b, VMETA, 0f,
        "output*", "repeat*", "reveal*", "dump*", "print*", "translat*", "articulat*", "verbatim",
        "word for word", "word-for-word", "recit*", "transcrib*", "reproduc*", "disclos*",
        "expos*", "leak*", "copy", "paste", "regurgitat*", "verbaliz*", "verbalis*", "spell out",
        "restat*", "narrat*", "replay*", "echo*", "quote*", "unveil*", "surface", "exactly as",
        "recreat*",
        "输出", "重复", "复述", "透露", "泄露", "翻译", "逐字", "原样", "原封不动", "打印",
        "公开", "说出", "暴露", "显示", "repite", "repita", "revela", "revele", "traduce",
        "traduza", "traduz", "reproduce", "reproduza", "imprime", "imprima", "copia", "copie",
        "vuelca", "expón", "exponha", "divulga", "divulgue", "articula", "articule",
        "textualmente", "literalmente", "palabra por palabra", "palavra por palavra", "répète",
        "répétez", "révèle", "révélez", "traduis", "traduisez", "reproduis", "reproduisez",
        "affiche", "affichez", "recopie", "recopiez", "mot pour mot", "textuellement",
        "divulguez", "articulez", "wiederhole", "wiederholen", "enthülle", "offenbare",
        "offenlegen", "lege offen", "übersetze", "übersetzen", "wortwörtlich", "wörtlich",
        "ausgeben", "gib aus", "artikuliere", "verrate", "kopiere", "повтори", "повторите",
        "раскрой", "раскройте", "выведи", "выведите", "переведи", "переведите", "процитируй",
        "процитируйте", "выпиши", "дословно", "слово в слово", "воспроизведи", "распечатай",
        "озвучь", "出力", "繰り返", "明かし", "開示", "翻訳", "そのまま", "一字一句", "書き出",
        "再現", "출력", "반복", "공개", "드러내", "번역", "그대로", "복사", "재현", "كرر",
        "أعد كتابة", "اكشف", "ترجم", "اطبع", "انسخ", "أخرج", "حرفيا", "حرفيًا", "حرفياً",
        "ripeti", "rivela", "traduci", "riproduci", "stampa", "parola per parola", "testualmente",
        "alla lettera", "herhaal", "onthul", "vertaal", "letterlijk", "woord voor woord",
        "kopieer", "powtórz", "ujawnij", "przetłumacz", "wypisz", "skopiuj", "dosłownie",
        "słowo w słowo", "tekrarla", "çevir", "kelimesi kelimesine", "aynen", "yazdır",
        "kopyala", "lặp lại", "tiết lộ", "dịch", "nguyên văn", "sao chép", "từng chữ", "ulangi",
        "ungkapkan", "terjemahkan", "kata demi kata", "apa adanya", "salin", "दोहराओ", "दोहराएं",
        "अनुवाद", "शब्दशः", "हूबहू", "розкрий", "переклади", "дослівно",
        "виведи");
    // Soft verbs: ask for an explanation (chain of thought, not disclosure).
    add(b, VSOFT, 0f,
        "explain", "show", "describe", "share", "walk through", "walk me through", "provide",
        "include", "give", "write out", "outline", "detail", "justify", "lay out", "present",
        "explaining", "explained", "showing", "justifying", "detailing", "describing", "elaborate",
        "解释", "说明", "展示", "写出", "描述", "给出", "explica", "explique", "muestra",
        "mostre", "descreva", "comparte", "detalla", "justifica", "expliquez",
        "montre", "montrez", "décris", "décrivez", "partage", "détaille", "détaillez", "erkläre",
        "erklären", "zeige", "zeig", "zeigen", "beschreibe", "erläutere", "begründe", "объясни",
        "объясните", "покажи", "покажите", "опиши", "опишите", "поделись", "обоснуй", "распиши",
        "распишите", "объясняя", "列出", "説明", "示し", "見せ", "설명", "보여", "اشرح", "وضح",
        "أظهر", "بين", "صف", "spiega", "mostra", "giustifica", "toon", "licht toe", "wyjaśnij",
        "pokaż", "uzasadnij", "açıkla", "göster", "giải thích", "trình bày", "jelaskan",
        "tunjukkan", "समझाओ", "समझाइए", "दिखाओ", "поясни", "обґрунтуй");
    // Language constraints on the reasoning ("your thinking must be in the user's language").
    add(b, LANG, 0f,
        "in the user's language", "in the same language", "same language as", "user's language",
        "in your language", "in the language of", "language of the user", "in another language",
        "in english", "in chinese", "in spanish", "in french", "in german", "in russian",
        "in japanese", "in korean", "in portuguese", "in arabic", "in mandarin", "language:",
        "用户的语言", "用户语言", "相同的语言", "用中文", "用英文", "用英语", "en el idioma",
        "en el mismo idioma", "del usuario en", "en español", "en inglés", "dans la langue",
        "dans la même langue", "en français", "en anglais", "in der sprache", "in derselben sprache",
        "auf deutsch", "auf englisch", "на языке", "на том же языке", "на русском",
        "на английском", "言語で", "日本語で", "英語で", "언어로", "한국어로", "영어로",
        "no idioma", "na língua", "no mesmo idioma", "em português", "em inglês", "بنفس لغة",
        "بلغة", "باللغة", "بالعربية", "بالإنجليزية", "in italiano", "in inglese",
        "nella lingua dell'utente", "in het nederlands", "in het engels", "po polsku",
        "po angielsku", "türkçe", "ingilizce", "bằng tiếng việt", "bằng tiếng anh",
        "dalam bahasa indonesia", "dalam bahasa inggris", "हिंदी में", "अंग्रेज़ी में", "українською",
        "англійською");
  }

  private static void grader(PhraseMatcher.Builder b) {
    add(b, GR_STRONG, 0f,
        "impartial judge", "act as a judge", "you are a judge", "you are an expert judge",
        "you are a grader", "you are an evaluator", "you are a strict evaluator",
        "act as an evaluator", "as an impartial", "[[a]]", "[[b]]", "[[c]]", "[[a>b]]",
        "[[b>a]]", "[[rating]]", "which response is better", "which answer is better",
        "which of the two responses", "which of the two answers", "which assistant",
        "reward model", "preference label", "pairwise comparison", "better response",
        "assistant a's answer", "assistant b's answer", "output (a)", "output (b)",
        "哪个回答更好", "哪个答案更好", "你是一个评委", "作为裁判", "公正的评委",
        "qué respuesta es mejor", "quelle réponse est la meilleure", "welche antwort ist besser",
        "какой ответ лучше", "どちらの回答", "어느 답변이");
    add(b, GR_RATE, 0f,
        "rate", "rate the", "score", "grade", "evaluate", "assess", "judge", "compare", "rank",
        "评分", "打分", "评估", "评价", "califica", "puntúa", "evalúa", "évalue", "évaluez",
        "note", "bewerte", "beurteile", "оцени", "оцените", "評価", "採点", "평가", "채점",
        "avalie", "قيّم", "قيم", "valuta", "giudica", "beoordeel", "evalueer", "oceń",
        "porównaj", "değerlendir", "puanla", "karşılaştır", "đánh giá", "chấm điểm", "nilai",
        "evaluasi", "मूल्यांकन", "оціни", "порівняй");
    add(b, GR_OBJ, 0f,
        "response", "responses", "answer", "answers", "completion", "completions", "output",
        "outputs", "reply", "replies", "assistant", "the ai", "model's", "generated text",
        "回答", "答案", "回复", "respuesta", "réponse", "antwort", "ответ", "回答を", "답변",
        "resposta", "الإجابة", "الرد", "risposta", "risposte", "antwoord", "antwoorden",
        "odpowiedź", "odpowiedzi", "cevap", "cevabı", "cevabını", "yanıt", "yanıtı", "yanıtını",
        "câu trả lời", "jawaban",
        "उत्तर", "जवाब", "відповідь", "відповіді");
    add(b, GR_SCALE, 0f,
        "on a scale", "scale of", "scale from", "out of 10", "out of 5", "from 1 to", "1-10",
        "1 to 10", "1-5", "1 to 5", "rating:", "score:", "[[", "likert", "分制", "1到10",
        "escala", "échelle", "skala", "шкале", "点満点", "점 척도", "de 1 a", "de 1 à", "von 1 bis",
        "от 1 до", "point scale", "points scale", "score between", "between 0 and", "between 1 and",
        "from 0 to", "out of 100", "del 1 al", "del 0 al", "de 0 a", "de 0 à", "von 0 bis", "от 0 до",
        "da 1 a", "su una scala", "van 1 tot", "op een schaal", "od 1 do", "w skali", "ölçeğinde",
        "thang điểm", "từ 1 đến", "dari 1 sampai", "1 से 10", "पैमाने पर", "від 1 до", "за шкалою");
  }

  private static void taskGeneration(PhraseMatcher.Builder b) {
    add(b, TG_STRONG, 0f,
        "task instructions", "diverse task", "diverse tasks", "diverse instructions",
        "create a dataset", "generate a dataset", "build a dataset", "synthetic data",
        "synthetic dataset", "training data", "training examples", "fine-tuning data",
        "instruction-following data", "instruction tuning", "question-answer pairs",
        "question and answer pairs", "q&a pairs", "qa pairs", "input-output pairs",
        "instruction-response pairs", "prompt-completion pairs", "seed tasks",
        "生成数据集", "训练数据", "问答对", "合成数据", "conjunto de datos", "datos de entrenamiento",
        "jeu de données", "données d'entraînement", "datensatz", "trainingsdaten",
        "набор данных", "датасет", "обучающие данные", "データセット", "学習データ", "데이터셋",
        "학습 데이터", "conjunto de dados", "dados de treinamento", "مجموعة بيانات",
        "بيانات التدريب");
    add(b, TG_GEN, 0f,
        "generate", "come up with", "create", "write", "produce", "brainstorm", "compose",
        "design", "devise", "synthesize", "make up", "invent", "list",
        "生成", "出", "编写", "创建", "设计", "genera", "gere", "crea", "crie", "escribe",
        "escreva", "génère", "générez", "crée", "créez", "rédige", "erstelle", "erzeuge",
        "generiere", "schreibe", "сгенерируй", "придумай", "придумайте", "создай", "составь",
        "напиши", "生成して", "作成して", "作って", "생성", "만들어", "작성", "أنشئ", "اكتب", "ولّد",
        "ولد", "scrivi", "inventa", "genereer", "maak", "schrijf", "bedenk", "wygeneruj",
        "stwórz", "napisz", "wymyśl", "oluştur", "üret", "tạo", "viết", "soạn", "buat", "buatlah",
        "tulis", "hasilkan", "बनाओ", "बनाइए", "लिखो", "तैयार करो", "згенеруй", "створи");
    add(b, TG_ITEM, 1f,
        "problems", "tasks", "instructions", "exercises", "puzzles", "prompts", "test cases",
        "examples with", "samples", "math problems", "coding problems", "questions and answers",
        "questions with answers", "problems with solutions", "道题", "个问题", "题目", "练习题",
        "问题和答案", "problemas", "ejercicios", "tareas", "instrucciones", "preguntas y respuestas",
        "problèmes", "exercices", "tâches", "questions et réponses", "aufgaben", "übungen",
        "fragen und antworten", "задач", "задачи", "упражнения", "вопросы и ответы", "問題",
        "문제", "tarefas", "exercícios", "perguntas e respostas", "مسائل", "مهام",
        "أسئلة وأجوبة", "problemi", "esercizi", "domande e risposte", "opgaven", "oefeningen",
        "vragen en antwoorden", "zadania", "zadań", "ćwiczenia", "pytania i odpowiedzi",
        "problemler", "alıştırmalar", "sorular ve cevaplar", "bài toán", "bài tập",
        "câu hỏi và câu trả lời", "soal", "latihan", "pertanyaan dan jawaban", "प्रश्न और उत्तर",
        "सवाल और जवाब", "अभ्यास", "задачі", "вправи", "питання та відповіді");
    add(b, TG_ITEM, 0.5f, "题", "questions", "examples", "quiz", "quizzes", "riddles", "preguntas",
        "perguntas", "fragen", "вопросы", "вопросов", "질문", "أسئلة", "domande", "vragen", "pytania",
        "pytań", "soru", "sorular", "câu hỏi", "pertanyaan", "प्रश्न", "सवाल", "питання", "питань");
    add(b, TG_SOL, 0f,
        "with solutions", "with answers", "and answers", "and solutions", "with the answer",
        "with their answers", "along with the answer", "answer key", "with the solution",
        "and the correct answer", "with explanations", "input and output", "并附答案", "附带答案",
        "及答案", "和答案", "con soluciones", "con respuestas", "avec solutions",
        "avec les réponses", "mit lösungen", "mit antworten", "с ответами", "с решениями",
        "答え付き", "解答付き", "정답과", "com respostas", "com soluções", "مع الحلول",
        "مع الإجابات", "reference answers", "reference solutions", "model answers",
        "sample answers", "answer keys", "along with answers", "along with their answers",
        "worked solutions", "con sus respuestas", "avec leurs réponses", "samt lösungen",
        "con soluzioni", "con le risposte", "con risposte", "met oplossingen", "met antwoorden",
        "z rozwiązaniami", "z odpowiedziami", "çözümleriyle", "cevaplarıyla", "kèm lời giải",
        "kèm đáp án", "beserta jawabannya", "dengan jawaban", "dengan solusi", "उत्तर सहित",
        "हल सहित", "з відповідями", "з розв'язками");
    add(b, TG_COUNT, 0f,
        "a set of", "a list of", "diverse", "different", "variety", "varied", "multiple", "many",
        "as many",
        "多样", "不同的", "diversas", "diversos", "variées", "différentes", "verschiedene",
        "разнообразные", "различные", "多様な", "다양한", "variadas");
    // Japanese, Korean, Turkish and Hindi put the verb last: "問題を20個作って", "yirmi soru oluştur".
    add(b, TG_GEN | TG_GEN_LAST, 0f,
        "生成して", "作成して", "作って", "생성", "만들어", "작성", "oluştur", "üret", "बनाओ", "बनाइए",
        "लिखो", "तैयार करो");
    // Counts of ten or more in words, as a number of ten or more in digits counts.
    add(b, TG_TENS, 0f,
        "ten", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
        "thousand", "dozen", "dozens", "十道", "十个", "二十", "三十", "五十", "一百", "diez", "veinte",
        "treinta", "cincuenta", "cien", "vingt", "trente", "cinquante", "cent", "zehn", "zwanzig",
        "dreißig", "fünfzig", "hundert", "десять", "двадцать", "тридцать", "пятьдесят", "сто",
        "dieci", "venti", "trenta", "cinquanta", "cento", "tien", "twintig", "dertig", "vijftig",
        "honderd", "dziesięć", "dwadzieścia", "trzydzieści", "pięćdziesiąt", "yirmi", "otuz",
        "elli", "mười", "hai mươi", "năm mươi", "một trăm", "sepuluh", "dua puluh", "lima puluh",
        "seratus", "दस", "बीस", "पचास", "सौ", "двадцять", "тридцять", "п'ятдесят");
  }
}
