"""Made-up places the sample builders of every platform share, so that a sample for one
country gives the same region signals whatever the platform."""

# Per country: an account timezone (Rails-style name, as X writes it), profile location, a
# login IP address registered there (looked up offline; nothing ever connects to it), and a
# language.
PLACES = {
    "US": ("Eastern Time (US & Canada)", "Springfield, IL", "35.32.130.", "English"),
    "DE": ("Berlin", "Berlin, Germany", "185.117.52.", "German"),
    "FR": ("Paris", "Lyon, France", "86.216.97.", "French"),
    "NL": ("Amsterdam", "Utrecht", "62.195.221.", "Dutch"),
    "GB": ("London", "Manchester, UK", "82.15.11.", "English"),
    "CH": ("Bern", "Zürich", "57.224.253.", "German"),
    "BR": ("Brasilia", "São Paulo", "191.206.212.", "Portuguese"),
    "JP": ("Tokyo", "東京", "219.17.245.", "Japanese"),
    "ES": ("Madrid", "Sevilla", "83.57.180.", "Spanish"),
    "IT": ("Rome", "Milano", "188.15.240.", "Italian"),
    "IE": ("Dublin", "Cork", "77.107.219.", "English"),
    "CA": ("Eastern Time (US & Canada)", "Toronto", "142.102.211.", "English"),
}
