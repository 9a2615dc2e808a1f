"""The built-in format plugins. Each registers through the ``govreport.formats`` entry
point in govreport's pyproject.toml, exactly as a third-party plugin would."""
