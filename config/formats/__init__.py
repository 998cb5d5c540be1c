"""The project's own number and date formats by language (settings.FORMAT_MODULE_PATH),
where Django's differ from what the base's readers expect."""
