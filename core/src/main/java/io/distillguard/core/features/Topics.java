package io.distillguard.core.features;

/**
 * Coarse task/topic buckets in [0, 64) for counting how broad an account's coverage is. A bucket is
 * chosen from keywords of the instruction (programming language, subject, task verb); the earliest
 * strong keyword wins, since an instruction usually names its task first ("Translate ... about
 * chemistry" is a translation). Text with no keyword falls into one of eight buckets
 * ({@link #FALLBACK_BASE}..63) keyed by a hash of its first word, so unseen task verbs still spread
 * over several buckets instead of collapsing into one.
 */
final class Topics {

  static final int GENERAL = 0;
  static final int FALLBACK_BASE = 56;

  private Topics() {}

  private static void t(PhraseMatcher.Builder b, int bucket, String... phrases) {
    for (String p : phrases) {
      b.add(p, Lexicon.TOPIC, 0f, bucket);
    }
  }

  static void register(PhraseMatcher.Builder b) {
    t(b, 1, "python", "pandas", "numpy", "django", "flask", "pytorch", "def ");
    t(b, 2, "javascript", "typescript", "node.js", "nodejs", "react", "vue", "angular", "npm");
    t(b, 3, "java", "spring boot", "kotlin", "jvm", "maven", "gradle");
    t(b, 4, "c++", "c#", ".net", "in c ", "pointer", "pointers", "malloc", "cpp");
    t(b, 5, "rust", "golang", "go program", "swift", "haskell", "scala", "ruby", "php", "perl",
        "lua", "matlab", "r code", "julia");
    t(b, 6, "sql", "database", "query", "postgres", "mysql", "mongodb", "table schema");
    t(b, 7, "bash", "shell", "linux", "docker", "kubernetes", "terminal", "command line", "git ",
        "devops", "aws", "cloud");
    t(b, 8, "html", "css", "website", "web page", "webpage", "frontend", "front-end");
    t(b, 9, "code", "function", "program", "algorithm", "script", "debug", "bug", "compile",
        "programming", "implement", "class", "api", "regex", "regular expression", "代码", "编程",
        "函数", "程序", "código", "programa", "fonction", "funktion", "код", "программ*",
        "コード", "プログラム", "코드", "함수", "برمجة");
    t(b, 10, "math", "maths", "mathematics", "calculate", "arithmetic", "sum of", "multiply", "divide", "percent", "percentage",
        "how many", "how much", "计算", "数学", "matemáticas", "mathématiques", "mathematik",
        "математик*", "数学", "수학", "matemática", "رياضيات");
    t(b, 11, "equation", "equations", "solve for", "algebra", "polynomial", "matrix", "方程",
        "ecuación", "équation", "gleichung", "уравнени*");
    t(b, 12, "geometry", "triangle", "circle", "angle", "area of", "volume of", "几何");
    t(b, 13, "probability", "statistics", "derivative", "integral", "calculus", "limit of",
        "expected value", "概率", "统计", "微积分");
    t(b, 14, "puzzle", "riddle", "logic", "brain teaser", "syllogism", "deduce", "who is lying",
        "逻辑", "谜题", "推理题", "acertijo", "énigme", "rätsel", "загадк*", "головоломк*");
    t(b, 15, "physics", "velocity", "force", "energy", "quantum", "gravity", "物理", "física",
        "physique", "physik", "физик*");
    t(b, 16, "chemistry", "chemical", "molecule", "reaction", "compound", "化学", "química",
        "chimie", "chemie", "хими*");
    t(b, 17, "biology", "cell", "dna", "gene", "protein", "evolution", "medical", "medicine",
        "disease", "symptom", "symptoms", "生物", "医学", "biología", "biologie", "биологи*");
    t(b, 18, "history", "historical", "war", "century", "ancient", "empire", "历史", "historia",
        "histoire", "geschichte", "истори*");
    t(b, 19, "geography", "country", "capital of", "river", "mountain", "population of",
        "地理", "geografía", "géographie");
    t(b, 20, "economics", "economy", "finance", "financial", "stock", "invest", "investment",
        "business", "startup", "revenue", "accounting", "经济", "金融", "economía", "économie");
    t(b, 21, "law", "legal", "contract", "court", "lawyer", "regulation", "法律", "ley",
        "droit", "recht", "закон");
    t(b, 22, "translate", "translation", "into english", "into french", "into spanish",
        "into chinese", "into german", "翻译", "traduce", "traduire", "traduis", "übersetze",
        "переведи", "翻訳", "번역", "ترجم", "traduza");
    t(b, 23, "summarize", "summarise", "summary", "tl;dr", "tldr", "condense", "总结", "摘要",
        "概括", "resume", "résume", "résumé", "zusammenfassung", "fasse", "кратко", "要約", "요약",
        "resuma", "لخص");
    t(b, 24, "classify", "classification", "categorize", "categorise", "sentiment", "label the",
        "is this positive", "spam", "分类", "情感", "clasifica", "classe", "klassifiziere",
        "классифицируй");
    t(b, 25, "extract", "named entities", "entities", "parse", "identify all", "find all",
        "提取", "抽取", "extrae", "extrais", "extrahiere", "извлеки");
    t(b, 26, "rewrite", "rephrase", "paraphrase", "proofread", "grammar", "edit the", "correct the",
        "improve the", "simplify", "改写", "润色", "语法", "reescribe", "réécris", "umschreiben",
        "перепиши");
    t(b, 27, "poem", "poetry", "story", "short story", "haiku", "song", "lyrics", "fiction",
        "novel", "character", "诗", "故事", "poema", "cuento", "poème", "histoire courte",
        "gedicht", "geschichte über", "стих", "рассказ", "詩", "物語", "시를", "이야기");
    t(b, 28, "essay", "blog post", "article", "email", "e-mail", "letter", "cover letter", "speech",
        "report", "tweet", "slogan", "headline", "作文", "文章", "邮件", "ensayo", "correo",
        "lettre", "aufsatz", "brief", "письмо", "эссе");
    t(b, 29, "who is", "who was", "what is", "what are", "when did", "when was", "where is",
        "which", "name the", "谁", "什么是", "哪", "quién", "qué es", "qui est", "wer ist",
        "was ist", "кто", "что такое");
    t(b, 30, "how do i", "how can i", "how to", "tips", "advice", "should i", "recommend",
        "如何", "怎么", "cómo", "comment", "wie kann", "как");
    t(b, 31, "recipe", "cook", "cooking", "food", "bake", "ingredients", "食谱", "receta",
        "recette", "rezept", "рецепт");
    t(b, 32, "travel", "trip", "itinerary", "vacation", "hotel", "旅行", "viaje", "voyage",
        "reise", "путешеств*");
    t(b, 33, "health", "fitness", "exercise", "diet", "workout", "nutrition", "sleep", "健康");
    t(b, 34, "philosophy", "ethics", "ethical", "moral", "meaning of life", "哲学", "filosofía",
        "philosophie", "философи*");
    t(b, 35, "politics", "political", "election", "government", "president", "policy", "政治");
    t(b, 36, "sport", "sports", "football", "soccer", "basketball", "baseball", "tennis",
        "olympic", "ncaa", "nba", "nfl", "体育", "fútbol");
    t(b, 37, "music", "movie", "film", "song by", "album", "painting", "artist", "tv show",
        "season", "episode", "actor", "电影", "音乐", "película", "música");
    t(b, 38, "act as", "pretend", "role play", "roleplay", "you are a", "imagine you are",
        "扮演", "actúa como", "agis comme", "du bist", "представь");
    t(b, 39, "compare", "comparison", "versus", " vs ", "pros and cons", "difference between",
        "比较", "区别", "compara", "compare les", "vergleiche", "сравни");
    t(b, 40, "brainstorm", "ideas for", "list of", "give me ideas", "suggest", "names for",
        "列出", "建议", "ideas para", "idées");
    t(b, 41, "explain", "describe", "what does", "why does", "why is", "why do", "meaning of",
        "解释", "为什么", "explica", "explique", "erkläre", "объясни", "説明", "설명");
    t(b, 42, "machine learning", "neural network", "artificial intelligence", "deep learning",
        "llm", "language model", "gpt", "transformer", "人工智能", "机器学习");
    t(b, 43, "security", "vulnerability", "exploit", "malware", "password", "encryption",
        "hack", "安全", "漏洞");
    t(b, 44, "data analysis", "excel", "spreadsheet", "csv", "json", "dataset", "chart", "graph",
        "数据分析");
    t(b, 45, "marketing", "advertis*", "seo", "brand", "product description", "营销");
    t(b, 46, "quiz", "exam", "homework", "teacher", "student", "lesson", "curriculum",
        "multiple choice", "考试", "作业");
    t(b, 47, "tool call", "function call", "call the tool", "use the tool", "search the web",
        "browse");
    t(b, 48, "impartial judge", "rate the response", "which response is better", "[[a]]",
        "evaluate the response", "on a scale of");
    t(b, 49, "task instructions", "come up with", "generate a dataset", "training data");
    t(b, 50, "psychology", "relationship", "girlfriend", "boyfriend", "friend", "feel",
        "feeling", "anxiety", "depression", "心理");
    t(b, 51, "linguistics", "word", "synonym", "antonym", "sentence", "verb", "noun", "rhyme",
        "pronounce", "spell", "词语", "句子");
    t(b, 52, "climate", "environment", "pollution", "renewable", "sustainability", "环境");
    t(b, 53, "astronomy", "planet", "space", "star", "galaxy", "nasa", "moon", "solar system",
        "天文", "宇宙");
    t(b, 54, "religion", "bible", "god", "church", "islam", "buddhism", "宗教");
    t(b, 55, "car", "vehicle", "engine", "electric vehicle", "airplane", "aviation", "汽车");
  }
}
