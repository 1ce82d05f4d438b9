using CrewBuilder.Core.Generation.Template.Gloss;

namespace CrewBuilder.Tests.Generation.Template;

public sealed class EnglishGlossTests
{
    [Theory]
    [InlineData("Écrire des résumés de réunions pour l'équipe commerciale", "Write meeting summaries for the sales team")]
    [InlineData("Lire les avis clients sur Trustpilot, les classer par thème", "Read the customer reviews on Trustpilot , classify them by theme")]
    [InlineData("Traduire nos articles du centre d'aide en anglais", "Translate our help-centre articles into English")]
    [InlineData("Chaque lundi, vérifier les adresses de livraison", "Every Monday , check the delivery addresses")]
    [InlineData("ecrire des resumes de reunions pour l'equipe", "write meeting summaries for the team")]
    [InlineData("Traducir las descripciones de productos al inglés y publicarlas en Shopify.", "Translate the product descriptions to English and publish them in Shopify .")]
    [InlineData("Cada mañana, leer los correos de los clientes y redactar respuestas para el equipo de soporte técnico",
        "Every morning , read the customer emails and draft replies for the technical support team")]
    public void A_french_or_spanish_requirement_is_read_in_english_with_nouns_adjectives_and_pronouns_in_english_order(string requirement, string english)
    {
        Assert.Equal(english, EnglishGloss.Of(requirement));
    }

    [Theory]
    [InlineData("Every Friday, collect the customer reviews of Café Zürich from Google Maps and send a summary to Zoë Müller.")]
    [InlineData("Translate our help-centre articles into French, German and 日本語, then publish them to Zendesk.")]
    [InlineData("Fasse jeden Morgen die neuen Support-Tickets zusammen.")]
    [InlineData("毎朝、新しいサポートチケットを要約する")]
    public void A_requirement_in_english_or_a_language_without_a_lexicon_is_left_as_written(string requirement)
    {
        Assert.Same(requirement, EnglishGloss.Of(requirement));
    }
}
