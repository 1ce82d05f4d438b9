namespace CrewBuilder.Core.Generation.Template.Gloss;

/// <summary>The languages template mode reads besides English, with the words business requirements are made of.</summary>
internal static class GlossLexicons
{
    public static readonly IReadOnlyList<GlossLexicon> All = [French(), Spanish()];

    /// <summary>English's own small words, so an English requirement with a French name in it stays English.</summary>
    public static readonly IReadOnlySet<string> EnglishMarkers = new HashSet<string>
    {
        "the", "and", "of", "for", "to", "in", "with", "each", "every", "our", "then", "a", "an", "from", "on", "them", "it", "into",
    };

    private static GlossLexicon French()
    {
        var fr = new GlossLexicon("French", ["le", "la", "les", "l'", "des", "du", "d'", "pour", "et", "un", "une", "chaque", "dans", "avec", "sur", "nos", "notre", "puis", "au", "aux", "qui", "ou", "vers"]);
        foreach (var (english, verb) in new[]
        {
            ("draft", "rédiger"), ("summarise", "résumer"), ("analyse", "analyser"), ("collect", "collecter"), ("collect", "récupérer"),
            ("monitor", "surveiller"), ("check", "vérifier"), ("classify", "classer"), ("classify", "classifier"), ("triage", "trier"),
            ("publish", "publier"), ("compare", "comparer"), ("create", "créer"), ("score", "noter"), ("evaluate", "évaluer"),
            ("prepare", "préparer"), ("generate", "générer"), ("research", "rechercher"), ("search", "chercher"), ("add", "ajouter"),
            ("notify", "notifier"), ("alert", "alerter"), ("export", "exporter"), ("import", "importer"), ("filter", "filtrer"),
            ("flag", "signaler"), ("detect", "détecter"), ("identify", "identifier"), ("validate", "valider"), ("reconcile", "rapprocher"),
            ("archive", "archiver"), ("plan", "planifier"), ("recommend", "recommander"), ("calculate", "calculer"), ("download", "télécharger"),
            ("prioritise", "prioriser"), ("match", "associer"), ("post", "poster"), ("email", "envoyer par e-mail"), ("tag", "étiqueter"),
            ("track", "suivre"), ("send", "envoyer"), ("watch", "observer"), ("review", "relire"), ("rank", "classer par ordre"),
        })
        {
            RegularFrench(fr, english, verb);
        }

        fr.Add(GlossKind.Verb, "send", "envoie", "envoient")
            .Add(GlossKind.Verb, "write", "écrire", "écris", "écrivez", "écrit", "écrivent")
            .Add(GlossKind.Verb, "read", "lire", "lis", "lisez", "lit", "lisent")
            .Add(GlossKind.Verb, "reply", "répondre", "réponds", "répondez", "répond", "répondent")
            .Add(GlossKind.Verb, "translate", "traduire", "traduis", "traduisez", "traduit", "traduisent")
            .Add(GlossKind.Verb, "transcribe", "transcrire", "transcris", "transcrivez", "transcrit")
            .Add(GlossKind.Verb, "extract", "extraire", "extrais", "extrayez", "extrait")
            .Add(GlossKind.Verb, "enrich", "enrichir", "enrichis", "enrichissez", "enrichit")
            .Add(GlossKind.Verb, "pick", "choisir", "choisis", "choisissez", "choisit")
            .Add(GlossKind.Verb, "track", "suis", "suivez", "suit")
            .Add(GlossKind.Verb, "notify", "prévenir", "préviens", "prévenez", "prévient")
            .Add(GlossKind.Verb, "update", "mettre à jour", "mets à jour", "mettez à jour", "met à jour")
            .Add(GlossKind.Verb, "back up", "sauvegarder", "sauvegarde", "sauvegardez");
        foreach (var (english, noun) in new[]
        {
            ("summary", "résumé"), ("summary", "synthèse"), ("meeting", "réunion"), ("team", "équipe"), ("customer", "client"), ("customer", "cliente"),
            ("invoice", "facture"), ("order", "commande"), ("email", "courriel"), ("email", "e-mail"), ("email", "mail"), ("message", "message"),
            ("report", "rapport"), ("article", "article"), ("ticket", "ticket"), ("request", "demande"), ("lead", "prospect"), ("product", "produit"),
            ("description", "description"), ("supplier", "fournisseur"), ("payment", "paiement"), ("competitor", "concurrent"), ("reply", "réponse"),
            ("candidate", "candidat"), ("application", "candidature"), ("offer", "offre"), ("address", "adresse"), ("delivery", "livraison"),
            ("stock", "stock"), ("inventory", "inventaire"), ("page", "page"), ("website", "site"), ("document", "document"), ("contract", "contrat"),
            ("expense", "dépense"), ("budget", "budget"), ("task", "tâche"), ("project", "projet"), ("post", "publication"), ("trend", "tendance"),
            ("mention", "mention"), ("brand", "marque"), ("file", "fichier"), ("folder", "dossier"), ("sheet", "feuille"), ("spreadsheet", "tableur"),
            ("account", "compte"), ("subscriber", "abonné"), ("newsletter", "newsletter"), ("incident", "incident"), ("alert", "alerte"),
            ("error", "erreur"), ("backup", "sauvegarde"), ("server", "serveur"), ("call", "appel"), ("employee", "employé"), ("theme", "thème"),
            ("category", "catégorie"), ("urgency", "urgence"), ("sale", "vente"), ("question", "question"), ("answer", "solution"), ("support", "support"),
            ("comment", "commentaire"), ("video", "vidéo"), ("interview", "entretien"), ("job", "poste"), ("shipment", "expédition"),
            ("refund", "remboursement"), ("help", "aide"), ("centre", "centre"), ("database", "base de données"), ("knowledge base", "base de connaissances"), ("newsletter", "lettre d'information"),
        })
        {
            fr.Noun(english, noun, FrenchPlural(noun));
        }

        fr.Add(GlossKind.Noun, "reviews", "avis").Add(GlossKind.Noun, "prices", "prix").Add(GlossKind.Noun, "price", "tarif").Add(GlossKind.Noun, "prices", "tarifs")
            .Add(GlossKind.Noun, "data", "données").Add(GlossKind.Noun, "news", "actualités").Add(GlossKind.Noun, "time", "temps");
        fr.Adjectives(
        [
            ("sales", "commercial commerciale commerciaux commerciales"), ("logistics", "logistique logistiques"), ("finance", "financier financière financiers financières"),
            ("accounting", "comptable comptables"), ("legal", "juridique juridiques"), ("technical", "technique techniques"), ("new", "nouveau nouvel nouvelle nouveaux nouvelles"),
            ("urgent", "urgent urgente urgents urgentes"), ("weekly", "hebdomadaire hebdomadaires"), ("daily", "quotidien quotidienne quotidiens quotidiennes"),
            ("monthly", "mensuel mensuelle mensuels mensuelles"), ("incoming", "entrant entrante entrants entrantes"), ("negative", "négatif négative négatifs négatives"),
            ("positive", "positif positive positifs positives"), ("suspicious", "suspect suspecte suspects suspectes"), ("recent", "récent récente récents récentes"),
            ("latest", "dernier dernière derniers dernières"), ("important", "important importante importants importantes"), ("public", "public publique publics publiques"),
            ("marketing", "marketing"), ("human resources", "RH"), ("open", "ouvert ouverte ouverts ouvertes"),
        ]);

        return fr.Add(GlossKind.Article, "the", "le", "la", "les", "l'").Add(GlossKind.Word, "a", "un", "une")
            .Add(GlossKind.Partitive, "of the", "des", "du").Add(GlossKind.Of, "of", "de", "d'")
            .Add(GlossKind.Word, "to the", "au", "aux").Add(GlossKind.Word, "for", "pour").Add(GlossKind.Word, "to", "à", "vers")
            .Add(GlossKind.Word, "in", "dans", "en").Add(GlossKind.Word, "on", "sur").Add(GlossKind.Word, "with", "avec").Add(GlossKind.Word, "by", "par")
            .Add(GlossKind.Word, "and", "et").Add(GlossKind.Word, "or", "ou").Add(GlossKind.Word, "then", "puis", "ensuite").Add(GlossKind.Word, "every", "chaque")
            .Add(GlossKind.Word, "all", "tous", "toutes").Add(GlossKind.Word, "our", "nos", "notre").Add(GlossKind.Word, "my", "mes", "mon", "ma")
            .Add(GlossKind.Word, "their", "leur", "leurs").Add(GlossKind.Word, "that", "qui", "que").Add(GlossKind.Word, "whose", "dont")
            .Add(GlossKind.Word, "when", "quand", "lorsque").Add(GlossKind.Word, "if", "si").Add(GlossKind.Word, "from", "depuis", "à partir de")
            .Add(GlossKind.Word, "between", "entre").Add(GlossKind.Word, "against", "contre").Add(GlossKind.Word, "every day", "tous les jours", "chaque jour")
            .Add(GlossKind.Word, "day", "jour").Add(GlossKind.Word, "week", "semaine").Add(GlossKind.Word, "month", "mois").Add(GlossKind.Word, "morning", "matin")
            .Add(GlossKind.Word, "evening", "soir").Add(GlossKind.Word, "night", "nuit").Add(GlossKind.Word, "hour", "heure").Add(GlossKind.Word, "hours", "heures")
            .Add(GlossKind.Word, "minutes", "minutes")
            .Add(GlossKind.Word, "Monday", "lundi").Add(GlossKind.Word, "Tuesday", "mardi").Add(GlossKind.Word, "Wednesday", "mercredi")
            .Add(GlossKind.Word, "Thursday", "jeudi").Add(GlossKind.Word, "Friday", "vendredi").Add(GlossKind.Word, "Saturday", "samedi").Add(GlossKind.Word, "Sunday", "dimanche")
            .Add(GlossKind.Language, "English", "anglais").Add(GlossKind.Language, "French", "français").Add(GlossKind.Language, "Spanish", "espagnol")
            .Add(GlossKind.Language, "German", "allemand").Add(GlossKind.Language, "Italian", "italien")
            .Enclitic("-les", "them").Enclitic("-le", "it").Enclitic("-la", "it").Enclitic("-moi", "me").Enclitic("-nous", "us");
    }

    private static GlossLexicon Spanish()
    {
        var es = new GlossLexicon("Spanish", ["el", "los", "las", "del", "para", "y", "una", "unos", "unas", "cada", "con", "nuestro", "nuestra", "nuestros", "nuestras", "luego", "al", "por", "que", "o"]);
        foreach (var (english, verb) in new[]
        {
            ("write", "escribir"), ("draft", "redactar"), ("summarise", "resumir"), ("translate", "traducir"), ("send", "enviar"), ("analyse", "analizar"),
            ("collect", "recopilar"), ("collect", "recoger"), ("review", "revisar"), ("verify", "verificar"), ("classify", "clasificar"), ("publish", "publicar"),
            ("compare", "comparar"), ("create", "crear"), ("score", "puntuar"), ("prepare", "preparar"), ("generate", "generar"), ("read", "leer"),
            ("reply", "responder"), ("extract", "extraer"), ("search", "buscar"), ("add", "añadir"), ("notify", "notificar"), ("notify", "avisar"),
            ("monitor", "supervisar"), ("monitor", "vigilar"), ("monitor", "monitorizar"), ("detect", "detectar"), ("flag", "marcar"),
            ("transcribe", "transcribir"), ("export", "exportar"), ("update", "actualizar"), ("research", "investigar"),
            ("filter", "filtrar"), ("validate", "validar"), ("archive", "archivar"), ("recommend", "recomendar"), ("calculate", "calcular"),
            ("download", "descargar"), ("match", "conciliar"), ("post", "postear"), ("tag", "etiquetar"), ("pick", "elegir"), ("track", "seguir"),
            ("enrich", "enriquecer"), ("prioritise", "priorizar"), ("evaluate", "evaluar"), ("back up", "respaldar"),
        })
        {
            RegularSpanish(es, english, verb);
        }

        es.Add(GlossKind.Verb, "fetch", "obtener", "obtén", "obtiene", "obtenga").Add(GlossKind.Verb, "check", "comprobar", "comprueba", "compruebe")
            .Add(GlossKind.Verb, "pick", "elige", "elija").Add(GlossKind.Verb, "track", "sigue", "siga");
        foreach (var (english, noun) in new[]
        {
            ("summary", "resumen"), ("meeting", "reunión"), ("team", "equipo"), ("customer", "cliente"), ("invoice", "factura"), ("order", "pedido"),
            ("email", "correo"), ("message", "mensaje"), ("report", "informe"), ("article", "artículo"), ("review", "reseña"), ("review", "opinión"),
            ("ticket", "ticket"), ("request", "solicitud"), ("lead", "prospecto"), ("product", "producto"), ("description", "descripción"),
            ("supplier", "proveedor"), ("payment", "pago"), ("competitor", "competidor"), ("price", "precio"), ("reply", "respuesta"),
            ("candidate", "candidato"), ("application", "candidatura"), ("address", "dirección"), ("shipment", "envío"), ("delivery", "entrega"),
            ("inventory", "inventario"), ("page", "página"), ("website", "sitio"), ("document", "documento"), ("contract", "contrato"), ("expense", "gasto"),
            ("budget", "presupuesto"), ("task", "tarea"), ("project", "proyecto"), ("post", "publicación"), ("trend", "tendencia"), ("mention", "mención"),
            ("brand", "marca"), ("file", "archivo"), ("folder", "carpeta"), ("sheet", "hoja"), ("account", "cuenta"), ("subscriber", "suscriptor"),
            ("newsletter", "boletín"), ("incident", "incidente"), ("alert", "alerta"), ("error", "error"), ("server", "servidor"), ("call", "llamada"),
            ("support", "soporte"), ("theme", "tema"), ("category", "categoría"), ("urgency", "urgencia"), ("question", "pregunta"), ("comment", "comentario"),
            ("video", "vídeo"), ("interview", "entrevista"), ("refund", "reembolso"), ("employee", "empleado"), ("backup", "copia de seguridad"),
            ("database", "base de datos"), ("help", "ayuda"), ("centre", "centro"), ("knowledge base", "base de conocimiento"), ("stock", "existencia"),
        })
        {
            es.Noun(english, noun, SpanishPlural(noun));
        }

        es.Add(GlossKind.Noun, "sales", "ventas").Add(GlossKind.Noun, "data", "datos").Add(GlossKind.Noun, "news", "noticias");
        es.Adjectives(
        [
            ("new", "nuevo nueva nuevos nuevas"), ("urgent", "urgente urgentes"), ("weekly", "semanal semanales"), ("daily", "diario diaria diarios diarias"),
            ("monthly", "mensual mensuales"), ("sales", "comercial comerciales"), ("finance", "financiero financiera financieros financieras"),
            ("accounting", "contable contables"), ("technical", "técnico técnica técnicos técnicas"), ("incoming", "entrante entrantes"),
            ("negative", "negativo negativa negativos negativas"), ("positive", "positivo positiva positivos positivas"), ("recent", "reciente recientes"),
            ("suspicious", "sospechoso sospechosa sospechosos sospechosas"), ("latest", "último última últimos últimas"), ("important", "importante importantes"),
            ("logistics", "logístico logística logísticos logísticas"), ("legal", "legal legales"), ("public", "público pública públicos públicas"),
            ("open", "abierto abierta abiertos abiertas"),
        ]);

        return es.Add(GlossKind.Article, "the", "el", "la", "los", "las").Add(GlossKind.ObjectPronoun, "it", "lo").Add(GlossKind.Word, "a", "un", "una")
            .Add(GlossKind.Word, "", "unos", "unas").Add(GlossKind.Of, "of", "de").Add(GlossKind.Partitive, "of the", "del")
            .Add(GlossKind.Word, "to the", "al").Add(GlossKind.Word, "for", "para").Add(GlossKind.Word, "to", "a", "hacia").Add(GlossKind.Word, "in", "en")
            .Add(GlossKind.Word, "about", "sobre").Add(GlossKind.Word, "with", "con").Add(GlossKind.Word, "by", "por").Add(GlossKind.Word, "and", "y", "e")
            .Add(GlossKind.Word, "or", "o", "u").Add(GlossKind.Word, "then", "luego", "después", "despues").Add(GlossKind.Word, "every", "cada")
            .Add(GlossKind.Word, "all", "todos", "todas").Add(GlossKind.Word, "our", "nuestro", "nuestra", "nuestros", "nuestras").Add(GlossKind.Word, "my", "mi", "mis")
            .Add(GlossKind.Word, "their", "su", "sus").Add(GlossKind.Word, "that", "que").Add(GlossKind.Word, "whose", "cuyo", "cuya", "cuyos", "cuyas")
            .Add(GlossKind.Word, "when", "cuando").Add(GlossKind.Word, "if", "si").Add(GlossKind.Word, "from", "desde").Add(GlossKind.Word, "between", "entre")
            .Add(GlossKind.Word, "against", "contra").Add(GlossKind.Word, "every day", "todos los días").Add(GlossKind.Word, "day", "día")
            .Add(GlossKind.Word, "week", "semana").Add(GlossKind.Word, "month", "mes").Add(GlossKind.Word, "morning", "mañana").Add(GlossKind.Word, "afternoon", "tarde")
            .Add(GlossKind.Word, "night", "noche").Add(GlossKind.Word, "hour", "hora").Add(GlossKind.Word, "hours", "horas").Add(GlossKind.Word, "minutes", "minutos")
            .Add(GlossKind.Word, "Monday", "lunes").Add(GlossKind.Word, "Tuesday", "martes").Add(GlossKind.Word, "Wednesday", "miércoles")
            .Add(GlossKind.Word, "Thursday", "jueves").Add(GlossKind.Word, "Friday", "viernes").Add(GlossKind.Word, "Saturday", "sábado").Add(GlossKind.Word, "Sunday", "domingo")
            .Add(GlossKind.Language, "English", "inglés").Add(GlossKind.Language, "French", "francés").Add(GlossKind.Language, "Spanish", "español")
            .Add(GlossKind.Language, "German", "alemán").Add(GlossKind.Language, "Italian", "italiano")
            .Enclitic("los", "them").Enclitic("las", "them").Enclitic("lo", "it").Enclitic("la", "it").Enclitic("me", "me").Enclitic("nos", "us");
    }

    /// <summary>A regular -er verb as an instruction is written: "résumer", "résume", "résumez", "résument".</summary>
    private static void RegularFrench(GlossLexicon lexicon, string english, string infinitive)
    {
        if (infinitive.Contains(' ', StringComparison.Ordinal) || !infinitive.EndsWith("er", StringComparison.Ordinal))
        {
            lexicon.Add(GlossKind.Verb, english, infinitive);
            return;
        }

        var stem = infinitive[..^2];
        lexicon.Add(GlossKind.Verb, english, infinitive, stem + "e", stem + "ez", stem + "es", stem + "ent");
    }

    /// <summary>"traducir", "traduce", "traduzca"… the infinitive and the forms of an instruction ("publica", "publique").</summary>
    private static void RegularSpanish(GlossLexicon lexicon, string english, string infinitive)
    {
        var stem = infinitive[..^2];
        var forms = infinitive.EndsWith("ar", StringComparison.Ordinal)
            ? new[] { infinitive, stem + "a", stem + "e", stem + "an", stem + "en" }
            : [infinitive, stem + "e", stem + "a", stem + "en", stem + "an"];
        lexicon.Add(GlossKind.Verb, english, forms);
    }

    private static string FrenchPlural(string noun)
    {
        if (noun.Contains(' ', StringComparison.Ordinal))
        {
            var words = noun.Split(' ');
            return string.Join(' ', [FrenchPlural(words[0]), .. words.Skip(1)]);
        }

        return noun.EndsWith('s') || noun.EndsWith('x') || noun.EndsWith('z') ? noun
            : noun.EndsWith("al", StringComparison.Ordinal) ? noun[..^2] + "aux"
            : noun.EndsWith("eau", StringComparison.Ordinal) ? noun + "x"
            : noun + "s";
    }

    private static string SpanishPlural(string noun)
    {
        if (noun.Contains(' ', StringComparison.Ordinal))
        {
            var words = noun.Split(' ');
            return string.Join(' ', [SpanishPlural(words[0]), .. words.Skip(1)]);
        }

        return noun.EndsWith("ión", StringComparison.Ordinal) ? noun[..^3] + "iones"
            : noun.EndsWith("ín", StringComparison.Ordinal) ? noun[..^2] + "ines"
            : noun.EndsWith('z') ? noun[..^1] + "ces"
            : "aeiouáéíóú".Contains(noun[^1]) ? noun + "s"
            : noun + "es";
    }
}
